namespace FlowerPower.Cloud;

/// <summary>A picture of a location (<c>pictures[]</c>).</summary>
public sealed class LocationPicture : FlowerPowerModel
{
    /// <summary>Where the picture can be downloaded (<c>url</c>), until <see cref="Expires"/>.</summary>
    public string? Url { get; set; }

    /// <summary>The location the picture belongs to (<c>location_identifier</c>).</summary>
    public string? LocationIdentifier { get; set; }

    /// <summary>The picture's identifier (<c>image_identifier</c>).</summary>
    public string? ImageIdentifier { get; set; }

    /// <summary>When <see cref="Url"/> stops working (<c>expires</c>).</summary>
    public DateTimeOffset? Expires { get; set; }
}
