namespace FlowerPower.Cloud.Wire.Uploads;

/// <summary>
/// One element of a <c>PUT /garden/v1/status</c>'s <c>update_status</c>, with its <c>watering</c> kept as sent and
/// the watering it reports, if any (<see cref="UploadParser.ParseStatus"/>).
/// </summary>
internal sealed record StatusUpdate(string LocationIdentifier, DateTimeOffset CreatedUtc, string WateringJson, DateTimeOffset? WateredUtc = null);
