namespace FlowerPower.Cloud.Bridge.Bluetooth;

/// <summary>What went wrong between the bridge and a sensor.</summary>
internal enum BluetoothProblem
{
    /// <summary>The D-Bus system bus cannot be reached.</summary>
    BusUnavailable,

    /// <summary>Nothing owns <c>org.bluez</c> on the bus: BlueZ is not installed or not running.</summary>
    BluezMissing,

    /// <summary>The adapter the bridge was told to use does not exist.</summary>
    AdapterMissing,

    /// <summary>The adapter exists but is powered off or blocked.</summary>
    AdapterOff,

    /// <summary>The sensor is not (or no longer) in range: BlueZ forgot it, or it never answered.</summary>
    OutOfRange,

    /// <summary>The link to the sensor was lost during an exchange.</summary>
    Disconnected,

    /// <summary>The sensor does not offer a characteristic a Flower Power has.</summary>
    NotAFlowerPower,

    /// <summary>The sensor stopped answering in the middle of an exchange.</summary>
    Stalled,

    /// <summary>The sensor answered with something that breaks the protocol.</summary>
    Garbled,

    /// <summary>BlueZ refused the operation for another reason.</summary>
    Failed,
}
