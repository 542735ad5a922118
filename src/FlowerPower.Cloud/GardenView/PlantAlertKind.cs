namespace FlowerPower.Cloud;

/// <summary>What a <see cref="PlantAlert"/> is about.</summary>
public enum PlantAlertKind
{
    /// <summary>The soil: too dry now, soon, or too wet (<c>watering.soil_moisture</c>, else <c>watering</c>).</summary>
    Watering,

    /// <summary>Light over the day (<c>light</c>).</summary>
    Light,

    /// <summary>Air temperature (<c>air_temperature</c>).</summary>
    AirTemperature,

    /// <summary>Fertilizer, measured as soil conductivity (<c>fertilizer</c>).</summary>
    Fertilizer,

    /// <summary>A pot's automatic watering (<c>watering.automatic_watering</c>).</summary>
    AutomaticWatering,

    /// <summary>The sensor's battery, at or below <see cref="FlowerPowerClientOptions.BatteryAlertThreshold"/>.</summary>
    Battery,

    /// <summary>A status the SDK does not know yet; its <see cref="PlantAlert.StatusKey"/> says which.</summary>
    Other,
}
