namespace FlowerPower.Cloud.Wire;

/// <summary>The ranges a plant thrives in: what its status is judged against.</summary>
internal sealed record PlantThresholds
{
    public static PlantThresholds Default { get; } = new();

    public double TemperatureMin { get; init; } = 10;

    public double TemperatureMax { get; init; } = 32;

    /// <summary>Daily light integral, mol/m²/day.</summary>
    public double LightMin { get; init; } = 10;

    public double LightMax { get; init; } = 99;

    public double FertilizerMin { get; init; } = 0.5;

    public double FertilizerMax { get; init; } = 3;

    /// <summary>Soil moisture below which the plant needs water, percent.</summary>
    public double MoistureMin { get; init; } = 15;
}
