namespace FlowerPower.Cloud.Api;

/// <summary>Reads and writes <see cref="StatusKey"/> as its wire string.</summary>
internal sealed class StatusKeyConverter : WireStringConverter<StatusKey>
{
    protected override StatusKey Create(string value) => new(value);
}
