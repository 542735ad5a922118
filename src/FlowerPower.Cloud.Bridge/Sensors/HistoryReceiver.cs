using System.Buffers.Binary;
using FlowerPower.Cloud.Bridge.Bluetooth;
using FlowerPower.Cloud.Sensor;

namespace FlowerPower.Cloud.Bridge.Sensors;

/// <summary>
/// The bridge's side of a history transfer, without Bluetooth: frames (a u16 little-endian index and up to 18 bytes)
/// in any order and any number of times; frame 0 gives the file's length (u32 little-endian); windows of 128 frames
/// are complete or not when the sensor waits for an answer. A frame outside the file, a length no history can have,
/// or a frame of the wrong size is <see cref="BluetoothProblem.Garbled"/>.
/// </summary>
internal sealed class HistoryReceiver
{
    /// <summary>The longest file a sensor can send: the header and 65,535 entries.</summary>
    public const int MaxLength = HistoryBuffer.HeaderLength + (ushort.MaxValue * HistoryBuffer.EntryLength);

    private readonly Dictionary<int, byte[]> _frames = [];
    private int _windowStart;

    /// <summary>The file's length once frame 0 arrived.</summary>
    public int? Length { get; private set; }

    /// <summary>The file's frames, frame 0 included, once its length is known.</summary>
    public int? FrameCount => Length is { } length ? 1 + ((length + SensorProfile.FramePayloadLength - 1) / SensorProfile.FramePayloadLength) : null;

    /// <summary>Whether every frame of the file arrived.</summary>
    public bool IsComplete => FrameCount is { } count && Enumerable.Range(0, count).All(_frames.ContainsKey);

    /// <summary>Whether every frame of the window the sensor just sent arrived.</summary>
    public bool WindowComplete => FrameCount is { } count
        && Enumerable.Range(_windowStart, Math.Max(0, Math.Min(SensorProfile.FramesPerWindow, count - _windowStart))).All(_frames.ContainsKey);

    /// <summary>Takes one notification of the transfer buffer.</summary>
    /// <param name="notification">The index and payload.</param>
    public void Accept(ReadOnlySpan<byte> notification)
    {
        if (notification.Length < 2 || notification.Length > 2 + SensorProfile.FramePayloadLength)
        {
            throw new BluetoothException(BluetoothProblem.Garbled, $"a transfer frame of {notification.Length} bytes (2 to 20 expected)");
        }

        var index = BinaryPrimitives.ReadUInt16LittleEndian(notification);
        var payload = notification[2..];
        if (index == 0)
        {
            if (payload.Length < 4)
            {
                throw new BluetoothException(BluetoothProblem.Garbled, "the transfer's first frame holds no file length");
            }

            var length = BinaryPrimitives.ReadUInt32LittleEndian(payload);
            if (length < HistoryBuffer.HeaderLength || length > MaxLength)
            {
                throw new BluetoothException(BluetoothProblem.Garbled, $"the transfer announces a file of {length} bytes, which no history has");
            }

            Length = (int)length;
        }
        else if (FrameCount is { } count && index >= count)
        {
            throw new BluetoothException(BluetoothProblem.Garbled, $"transfer frame {index} is past the file's {count} frames");
        }

        _frames[index] = payload.ToArray();
    }

    /// <summary>Moves on to the next window after an acknowledgement.</summary>
    public void NextWindow() => _windowStart += SensorProfile.FramesPerWindow;

    /// <summary>The file: frames 1 to the last, in order, cut to the length.</summary>
    /// <returns>The history buffer as the sensor sent it.</returns>
    public byte[] Assemble()
    {
        if (!IsComplete)
        {
            throw new BluetoothException(BluetoothProblem.Garbled, "the transfer ended with frames missing");
        }

        var file = new byte[Length!.Value];
        var offset = 0;
        for (var i = 1; i < FrameCount && offset < file.Length; i++)
        {
            var take = Math.Min(_frames[i].Length, file.Length - offset);
            if (take < SensorProfile.FramePayloadLength && offset + take < file.Length)
            {
                throw new BluetoothException(BluetoothProblem.Garbled, $"transfer frame {i} holds {_frames[i].Length} bytes, short of the file's length");
            }

            _frames[i].AsSpan(0, take).CopyTo(file.AsSpan(offset));
            offset += take;
        }

        return file;
    }
}
