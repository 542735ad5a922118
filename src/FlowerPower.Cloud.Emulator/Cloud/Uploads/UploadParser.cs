using System.Text.Json;
using FlowerPower.Cloud.Emulator.Wire;

namespace FlowerPower.Cloud.Emulator.Cloud.Uploads;

/// <summary>
/// Reads the bridge's uploads (<c>PUT /sensor_data/v8/sample</c>, <c>PUT /garden/v1/status</c>) and decodes their
/// history buffers into samples, refusing a bad one with the reference's own code before anything is stored.
/// </summary>
internal static class UploadParser
{
    /// <summary>How far the device's clock may be from the server's.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromDays(1);

    public static SampleUploadRequest ParseSamples(string json, DateTimeOffset now)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        var client = ClientTime(root, now);
        var sessions = new List<SessionHistory>();
        foreach (var session in Array(root, "session_histories"))
        {
            if (Text(session, "sensor_serial") is not { } serial || Time(session, "sensor_startup_timestamp_utc") is not { } startup ||
                Whole(session, "session_id") is not { } id || Whole(session, "session_start_index") is not { } start ||
                Whole(session, "sample_measure_period") is not { } period || period <= 0 || period > ushort.MaxValue)
            {
                throw new UploadRefusal(9058, "One or more parameters missing from session data");
            }

            if (startup > now)
            {
                throw new UploadRefusal(9061, "The supplied session start time is in the future - not allowed");
            }

            sessions.Add(new SessionHistory(serial, startup, (int)id, start, (int)period));
        }

        var uploads = new List<HistoryUpload>();
        foreach (var upload in Array(root, "uploads"))
        {
            if (Text(upload, "sensor_serial") is not { } serial || Time(upload, "upload_timestamp_utc") is not { } at ||
                Text(upload, "buffer_base64") is not { } base64)
            {
                throw new UploadRefusal(9066, "Missed parameter: every upload needs sensor_serial, upload_timestamp_utc and buffer_base64");
            }

            byte[] buffer;
            try
            {
                buffer = Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                throw new UploadRefusal(9066, $"Missed parameter: the buffer_base64 of sensor {serial} is not base64");
            }

            uploads.Add(new HistoryUpload(serial, at, buffer, Text(upload, "app_version"), Text(upload, "sensor_fw_version"), Text(upload, "sensor_hw_identifier")));
        }

        return new SampleUploadRequest(client, sessions, uploads, json);
    }

    /// <summary>Decodes every upload's buffer and dates its measurements by their sessions.</summary>
    public static List<SensorUploadBatch> Decode(SampleUploadRequest request)
    {
        var batches = new List<SensorUploadBatch>();
        foreach (var upload in request.Uploads)
        {
            if (!HistoryBuffer.TryDecode(upload.Buffer, out var entries, out var problem))
            {
                throw new UploadRefusal(9066, $"Missed parameter: {problem} (sensor {upload.SensorSerial})");
            }

            var samples = new List<UploadedSample>(entries.Count);
            foreach (var entry in entries)
            {
                var session = request.Sessions.FirstOrDefault(s => s.SensorSerial == upload.SensorSerial && s.SessionId == entry.SessionId)
                    ?? throw new UploadRefusal(9058, $"One or more parameters missing from session data: no session {entry.SessionId} for sensor {upload.SensorSerial}");
                var sample = new CloudSample(
                    session.TimeOf(entry.Index),
                    Light: null,
                    Fertilizer: null,
                    AirTemperature: SensorCalibration.AirTemperatureCelsius(entry.RawAirTemperature),
                    SoilMoisture: null,
                    CalibratedSoilMoisture: null,
                    Battery: SensorCalibration.BatteryPercent(entry.RawBattery));
                samples.Add(new UploadedSample(sample, entry));
            }

            var reached = entries.Count == 0 ? 0 : entries[^1].Index + 1;
            batches.Add(new SensorUploadBatch(upload.SensorSerial, upload.UploadUtc, samples, reached));
        }

        return batches;
    }

    public static List<StatusUpdate> ParseStatus(string json, DateTimeOffset now)
    {
        using var document = Parse(json);
        var root = document.RootElement;
        ClientTime(root, now);
        var updates = new List<StatusUpdate>();
        foreach (var update in Array(root, "update_status"))
        {
            if (Text(update, "location_identifier") is not { } location)
            {
                throw new UploadRefusal(9066, "Missed parameter: every status update needs a location_identifier");
            }

            if (Time(update, "status_creation_datetime_utc") is not { } created || created > now + ClockTolerance)
            {
                throw new UploadRefusal(9068, "Invalid status_creation_datetime_utc value");
            }

            var watering = update.TryGetProperty("watering", out var value) ? value.GetRawText() : "null";
            updates.Add(new StatusUpdate(location, created, watering));
        }

        return updates;
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new UploadRefusal(9066, "Missed parameter: the body is not a JSON object");
            }

            return document;
        }
        catch (JsonException)
        {
            throw new UploadRefusal(9066, "Missed parameter: the body is not JSON");
        }
    }

    private static DateTimeOffset ClientTime(JsonElement root, DateTimeOffset now)
    {
        if (!root.TryGetProperty("client_datetime_utc", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new UploadRefusal(9043, "Expected a mandatory datetime and was absent");
        }

        if (Time(root, "client_datetime_utc") is not { } client)
        {
            throw new UploadRefusal(9060, "Could not parse the supplied date format");
        }

        if ((client - now).Duration() > ClockTolerance)
        {
            throw new UploadRefusal(9044, "Device time out of acceptable synch with server time");
        }

        return client;
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList()
            : [];

    private static string? Text(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString() is { Length: > 0 } text ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static long? Whole(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : element.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out number) ? number
        : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && WireFormat.TryParseDateTime(text, out var at) ? at : null;
}
