namespace FlowerPower.Cloud.Sensor;

/// <summary>The bridge's side of a history transfer (<see cref="SensorProfile.ReceiverStatus"/>).</summary>
internal enum ReceiverStatus : byte
{
    /// <summary>Not receiving: written when a transfer is over.</summary>
    Standby = 0,

    /// <summary>Ready to receive: starts the transfer.</summary>
    Receiving = 1,

    /// <summary>Every frame of the window arrived: send the next one.</summary>
    Acknowledge = 2,

    /// <summary>A frame of the window is missing: send the window again.</summary>
    Refuse = 3,

    /// <summary>Cancels a transfer left running.</summary>
    Cancel = 4,
}
