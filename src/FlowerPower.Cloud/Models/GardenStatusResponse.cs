namespace FlowerPower.Cloud;

/// <summary>Answer of <c>GET /garden/v1/status</c>: the health of every location of the garden.</summary>
public sealed class GardenStatusResponse : FlowerPowerResponse
{
    private IReadOnlyList<LocationStatus> _locations = [];

    /// <summary>
    /// The status of each location (<c>locations</c>), including locations whose sensor was removed (their keys and
    /// gauges are null). Never null.
    /// </summary>
    public IReadOnlyList<LocationStatus> Locations { get => _locations; set => _locations = ModelLists.Clean(value); }
}
