namespace FlowerPower.Cloud.Sensor;

/// <summary>
/// The six raw 16-bit readings of one history entry, in the order the buffer holds them: air temperature, light, soil
/// conductivity (EC), soil temperature, soil volumetric water content (VWC) and battery. A reading a source does not
/// carry (ROMI's files have no soil EC and no battery) is null.
/// </summary>
internal readonly record struct RawReadings(int? AirTemperature, int? Light, int? SoilEc, int? SoilTemperature, int? SoilVwc, int? Battery);
