namespace FlowerPower.Cloud.Emulator.Cloud.Uploads;

/// <summary>
/// One measurement of a history buffer, in the sensor's raw units: air temperature, light, soil conductivity (EC),
/// soil temperature, soil volumetric water content (VWC) and battery, each a 16-bit reading.
/// </summary>
internal readonly record struct HistoryEntry(
    long Index, int SessionId, int RawAirTemperature, int RawLight, int RawSoilEc, int RawSoilTemperature, int RawSoilVwc, int RawBattery);
