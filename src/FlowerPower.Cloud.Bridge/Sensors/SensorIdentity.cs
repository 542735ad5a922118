namespace FlowerPower.Cloud.Bridge.Sensors;

/// <summary>What a sensor says it is (Device Information) and what it advertises.</summary>
/// <param name="Address">The Bluetooth address.</param>
/// <param name="Name">The advertised name ("Flower power B42F"), or the one its address gives.</param>
/// <param name="Serial">The Device Information serial, the garden's <c>sensor_serial</c>.</param>
/// <param name="Firmware">The firmware revision.</param>
/// <param name="Hardware">The hardware revision.</param>
internal sealed record SensorIdentity(string Address, string Name, string Serial, string Firmware, string Hardware);
