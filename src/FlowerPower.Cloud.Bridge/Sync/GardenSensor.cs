namespace FlowerPower.Cloud.Bridge.Sync;

/// <summary>A sensor of the account's garden: its location, how the garden names it, and the index the server has reached.</summary>
/// <param name="LocationIdentifier">The location the sensor is in.</param>
/// <param name="Nickname">The plant's nickname, for the owner's eyes.</param>
/// <param name="SensorSerial">The garden's <c>sensor_serial</c> (the Device Information serial), if it has one.</param>
/// <param name="SensorName">The garden's <c>sensor_identifier</c> (the advertised name), if it has one.</param>
/// <param name="CurrentHistoryIndex">The status's <c>current_history_index</c>: the next entry the server lacks.</param>
internal sealed record GardenSensor(string LocationIdentifier, string? Nickname, string? SensorSerial, string? SensorName, long CurrentHistoryIndex)
{
    /// <summary>How an upload names the sensor: as the garden does, its serial where it has one, else its name.</summary>
    public string UploadName => SensorSerial ?? SensorName ?? LocationIdentifier;

    /// <summary>Whether this is the sensor: its serial against <c>sensor_serial</c>, or its advertised name against <c>sensor_identifier</c>.</summary>
    /// <param name="serial">The Device Information serial.</param>
    /// <param name="name">The advertised name.</param>
    /// <returns>Whether they match.</returns>
    public bool Is(string? serial, string? name) =>
        (!string.IsNullOrEmpty(SensorSerial) && string.Equals(SensorSerial, serial, StringComparison.OrdinalIgnoreCase))
        || (!string.IsNullOrEmpty(SensorName) && string.Equals(SensorName, name, StringComparison.OrdinalIgnoreCase));
}
