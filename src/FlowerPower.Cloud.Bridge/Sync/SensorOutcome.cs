namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>What a sync did for one sensor of the garden, as one line for the owner.</summary>
/// <param name="Sensor">The garden's sensor.</param>
/// <param name="Succeeded">Whether its history is on the server now (or nothing was new).</param>
/// <param name="InRange">Whether the sensor was found at all.</param>
/// <param name="Line">What happened, in a sentence.</param>
internal sealed record SensorOutcome(GardenSensor Sensor, bool Succeeded, bool InRange, string Line);
