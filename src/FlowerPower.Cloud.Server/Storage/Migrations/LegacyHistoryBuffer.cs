using System.Buffers.Binary;
using FlowerPower.Cloud.Wire.Uploads;

namespace FlowerPower.Cloud.Server.Storage.Migrations;

/// <summary>
/// The capture times the server's first history reader gave an upload, so that migration 2 can remove exactly the
/// samples it made. That reader took bytes 8-11 as one 32-bit last index and a record starting 0x8000 as a session
/// marker, and dated entry i by its session's startup + (i - session start index) × period: a layout no public
/// decoder knows, kept here only to undo it.
/// </summary>
internal static class LegacyHistoryBuffer
{
    private const int HeaderLength = 16;
    private const int RecordLength = 12;
    private const ushort SessionMarker = 0x8000;

    /// <summary>Each sensor's capture times, in Unix milliseconds, as the first reader dated <paramref name="request"/>; empty where it could not.</summary>
    public static Dictionary<string, List<long>> CaptureTimes(SampleUploadRequest request)
    {
        var times = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var upload in request.Uploads)
        {
            var buffer = upload.Buffer.AsSpan();
            if (buffer.Length < HeaderLength || buffer.Length != HeaderLength + (BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]) * RecordLength))
            {
                continue;
            }

            var lastIndex = (long)BinaryPrimitives.ReadUInt32BigEndian(buffer[8..]);
            var session = (int)BinaryPrimitives.ReadUInt16BigEndian(buffer[12..]);
            var measured = new List<int>();
            for (var offset = HeaderLength; offset < buffer.Length; offset += RecordLength)
            {
                if (BinaryPrimitives.ReadUInt16BigEndian(buffer[offset..]) == SessionMarker)
                {
                    session = BinaryPrimitives.ReadUInt16BigEndian(buffer[(offset + 2)..]);
                }
                else
                {
                    measured.Add(session);
                }
            }

            var sensor = new List<long>(measured.Count);
            for (var i = 0; i < measured.Count; i++)
            {
                var index = lastIndex - measured.Count + 1 + i;
                var id = measured[i];
                if (request.Sessions.FirstOrDefault(s => s.SensorSerial == upload.SensorSerial && s.SessionId == id) is not { } owner)
                {
                    sensor.Clear();
                    break;
                }

                var seconds = (index - owner.SessionStartIndex) * (double)owner.PeriodSeconds;
                var at = owner.StartupUtc.ToUnixTimeMilliseconds() + (seconds * 1000);
                if (at is >= 0 and <= 253_402_300_799_999)
                {
                    sensor.Add((long)at);
                }
            }

            if (!times.TryGetValue(upload.SensorSerial, out var list))
            {
                times[upload.SensorSerial] = list = [];
            }

            list.AddRange(sensor);
        }

        return times;
    }
}
