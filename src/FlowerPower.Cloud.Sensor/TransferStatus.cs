namespace FlowerPower.Cloud.Sensor;

/// <summary>The sensor's side of a history transfer (<see cref="SensorProfile.TransferStatus"/>).</summary>
internal enum TransferStatus : byte
{
    /// <summary>No transfer is running.</summary>
    Idle = 0,

    /// <summary>Frames are being sent.</summary>
    Transferring = 1,

    /// <summary>A window was sent; the sensor waits for an acknowledgement.</summary>
    WaitingForAcknowledgement = 2,
}
