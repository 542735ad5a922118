namespace FlowerPower.Cloud;

/// <summary>The watering status of a location (<c>watering</c>).</summary>
public sealed class WateringStatus : FlowerPowerModel
{
    /// <summary>How watering stands (<c>status_key</c>).</summary>
    public StatusKey? StatusKey { get; set; }

    /// <summary>What the owner should do (<c>instruction_key</c>).</summary>
    public InstructionKey? InstructionKey { get; set; }

    /// <summary>State of the automatic watering of a pot (<c>automatic_watering</c>).</summary>
    public AutomaticWateringStatus? AutomaticWatering { get; set; }

    /// <summary>Soil moisture, in percent (<c>soil_moisture</c>).</summary>
    public SoilMoistureStatus? SoilMoisture { get; set; }
}
