using System.Text.Json;
using FlowerPower.Cloud.Sensor;
using FlowerPower.Cloud.Wire.Writers;

namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>
/// Reads the bridge's uploads (<c>PUT /sensor_data/v8/sample</c>, <c>PUT /garden/v1/status</c>) and decodes their
/// history buffers into samples, refusing a bad one with the reference's own code before anything is stored.
/// </summary>
internal static class UploadParser
{
    /// <summary>How far the device's clock may be from the server's.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromDays(1);

    /// <summary>No Flower Power measured before 2013: an earlier date is a broken clock or a broken buffer.</summary>
    public static readonly DateTimeOffset EarliestSample = new(2013, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How deep an upload's JSON may nest unless told otherwise.</summary>
    public const int DefaultMaxDepth = 16;

    /// <summary>How many buffers and how many sessions one body may carry unless told otherwise (<see cref="CloudLimits.UploadsPerBody"/>).</summary>
    public const int DefaultUploadsPerBody = 64;

    /// <summary>Reads a <c>PUT /sensor_data/v8/sample</c>: its sessions and its uploads' buffers, each checked.</summary>
    /// <param name="json">The body.</param>
    /// <param name="now">The server's time.</param>
    /// <param name="maxDepth">How deep the JSON may nest.</param>
    /// <param name="perBody">How many sessions, and how many uploads, the body may carry.</param>
    public static SampleUploadRequest ParseSamples(string json, DateTimeOffset now, int maxDepth = DefaultMaxDepth, int perBody = DefaultUploadsPerBody)
    {
        using var document = Parse(json, maxDepth);
        var root = document.RootElement;
        var client = ClientTime(root, now);
        var sessions = new List<SessionHistory>();
        if (Array(root, "session_histories").Count > perBody || Array(root, "uploads").Count > perBody)
        {
            throw new UploadRefusal(9066, FormattableString.Invariant($"Missed parameter: one body carries at most {perBody} session histories and {perBody} uploads; send the rest in another"));
        }

        foreach (var session in Array(root, "session_histories"))
        {
            if (Text(session, "sensor_serial") is not { } serial || Time(session, "sensor_startup_timestamp_utc") is not { } startup ||
                Whole(session, "session_id") is not { } id || id is < 0 or > ushort.MaxValue ||
                Whole(session, "session_start_index") is not { } start || start is < 0 or > uint.MaxValue ||
                Whole(session, "sample_measure_period") is not { } period || period is <= 0 or > ushort.MaxValue)
            {
                throw new UploadRefusal(9058, "One or more parameters missing from session data");
            }

            if (startup > now)
            {
                throw new UploadRefusal(9061, "The supplied session start time is in the future - not allowed");
            }

            if (startup < EarliestSample)
            {
                throw new UploadRefusal(9058, $"One or more parameters missing from session data: sensor {serial} started {startup:u}, before any Flower Power existed");
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

            if (at < EarliestSample || at > now + ClockTolerance)
            {
                throw new UploadRefusal(9066, FormattableString.Invariant($"Missed parameter: the upload_timestamp_utc of sensor {serial} is not between {EarliestSample:yyyy-MM-dd} and tomorrow"));
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

    /// <summary>
    /// Decodes every upload's buffer: the session its header names dates the entries (startup + last entry time -
    /// entries before the last × period), the session's 32-bit start index unwraps their 16-bit indexes, and every
    /// reading with a public conversion is converted. A buffer that does not fit, or dates an entry outside
    /// <see cref="EarliestSample"/> .. <paramref name="now"/> + <see cref="ClockTolerance"/>, refuses the whole upload.
    /// </summary>
    public static List<SensorUploadBatch> Decode(SampleUploadRequest request, DateTimeOffset now)
    {
        var batches = new List<SensorUploadBatch>();
        var sessions = new Dictionary<(string Serial, int Id), SessionHistory>();
        foreach (var session in request.Sessions)
        {
            sessions.TryAdd((session.SensorSerial, session.SessionId), session);
        }

        foreach (var upload in request.Uploads)
        {
            if (!HistoryBuffer.TryDecode(upload.Buffer, out var header, out var entries, out var problem))
            {
                throw new UploadRefusal(9066, $"Missed parameter: {problem} (sensor {upload.SensorSerial})");
            }

            if (entries.Count == 0)
            {
                batches.Add(new SensorUploadBatch(upload.SensorSerial, upload.UploadUtc, [], 0));
                continue;
            }

            var session = sessions.GetValueOrDefault((upload.SensorSerial, header.SessionId))
                ?? throw new UploadRefusal(9058, $"One or more parameters missing from session data: no session {header.SessionId} for sensor {upload.SensorSerial}");
            var last = HistoryIndex.UnwrapLast(header.LastIndex, session.SessionStartIndex, header.LastEntrySeconds, header.PeriodSeconds);
            if (last - (entries.Count - 1) < 0)
            {
                throw new UploadRefusal(9066, $"Missed parameter: the history buffer of sensor {upload.SensorSerial} holds {entries.Count} entries up to index {last}");
            }

            var first = session.TimeOf(header.LastEntrySeconds, entries.Count - 1, header.PeriodSeconds);
            var latest = session.TimeOf(header.LastEntrySeconds, 0, header.PeriodSeconds);
            if (first < EarliestSample || latest > now + ClockTolerance)
            {
                throw new UploadRefusal(9066, $"Missed parameter: the history buffer of sensor {upload.SensorSerial} dates its entries from {first:u} to {latest:u}");
            }

            var samples = new List<UploadedSample>(entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                var before = entries.Count - 1 - i;
                samples.Add(UploadedSample.From(session.TimeOf(header.LastEntrySeconds, before, header.PeriodSeconds), last - before, entries[i]));
            }

            batches.Add(new SensorUploadBatch(upload.SensorSerial, upload.UploadUtc, samples, last + 1, header.PeriodSeconds));
        }

        return batches;
    }

    /// <summary>
    /// Reads a <c>PUT /garden/v1/status</c>: each update's location, creation time and watering, checked. An update
    /// whose <c>watering</c> is an object reports a watering (the app sent one when its owner said "I watered"), at the
    /// time it names (<c>done_action_datetime_utc</c>, at the top of <c>watering</c> or in its <c>soil_moisture</c>, or
    /// <c>automatic_watering.last_watering_datetime_utc</c>), else at the update's creation time.
    /// </summary>
    /// <param name="json">The body.</param>
    /// <param name="now">The server's time.</param>
    /// <param name="maxDepth">How deep the JSON may nest.</param>
    /// <param name="perBody">How many updates the body may carry.</param>
    public static List<StatusUpdate> ParseStatus(string json, DateTimeOffset now, int maxDepth = DefaultMaxDepth, int perBody = 256)
    {
        using var document = Parse(json, maxDepth);
        var root = document.RootElement;
        ClientTime(root, now);
        var updates = new List<StatusUpdate>();
        if (Array(root, "update_status").Count > perBody)
        {
            throw new UploadRefusal(9066, FormattableString.Invariant($"Missed parameter: one body carries at most {perBody} status updates; send the rest in another"));
        }

        foreach (var update in Array(root, "update_status"))
        {
            if (Text(update, "location_identifier") is not { } location)
            {
                throw new UploadRefusal(9066, "Missed parameter: every status update needs a location_identifier");
            }

            if (Time(update, "status_creation_datetime_utc") is not { } created || created > now + ClockTolerance || created < EarliestSample)
            {
                throw new UploadRefusal(9068, "Invalid status_creation_datetime_utc value");
            }

            var watering = update.TryGetProperty("watering", out var value) ? value.GetRawText() : "null";
            updates.Add(new StatusUpdate(location, created, watering, value.ValueKind == JsonValueKind.Object ? WateredAt(value, created, now) : null));
        }

        return updates;
    }

    /// <summary>When a status update's <c>watering</c> says the plant was watered.</summary>
    private static DateTimeOffset WateredAt(JsonElement watering, DateTimeOffset created, DateTimeOffset now)
    {
        string[][] places = [["done_action_datetime_utc"], ["soil_moisture", "done_action_datetime_utc"], ["automatic_watering", "last_watering_datetime_utc"]];
        foreach (var path in places)
        {
            var element = watering;
            var found = true;
            foreach (var name in path[..^1])
            {
                found = element.TryGetProperty(name, out element) && element.ValueKind == JsonValueKind.Object;
                if (!found)
                {
                    break;
                }
            }

            if (!found || !element.TryGetProperty(path[^1], out var time) || time.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (Time(element, path[^1]) is not { } at || at < EarliestSample || at > now + ClockTolerance)
            {
                throw new UploadRefusal(9057, $"All done acknowledgements must include a date when it occured: watering.{string.Join('.', path)} is not a time between {EarliestSample:yyyy-MM-dd} and tomorrow");
            }

            return at;
        }

        return created;
    }

    private static JsonDocument Parse(string json, int maxDepth)
    {
        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth });
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

    private static List<JsonElement> Array(JsonElement root, string name) =>
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
            return value.GetString() is { Length: > 0 } text && WireText.IsClean(text) ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static long? Whole(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : element.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out number) ? number
        : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        Text(element, name) is { } text && WireFormat.TryParseDateTime(text, out var at) ? at : null;
}
