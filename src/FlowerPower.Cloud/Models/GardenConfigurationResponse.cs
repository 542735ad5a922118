namespace FlowerPower.Cloud;

/// <summary>Answer of <c>GET /garden/v2/configuration</c>: every location of the garden and its sensor.</summary>
public sealed class GardenConfigurationResponse : FlowerPowerResponse
{
    private IReadOnlyList<GardenLocation> _locations = [];

    /// <summary>The garden's locations (<c>locations</c>). Never null.</summary>
    public IReadOnlyList<GardenLocation> Locations { get => _locations; set => _locations = ModelLists.Clean(value); }
}
