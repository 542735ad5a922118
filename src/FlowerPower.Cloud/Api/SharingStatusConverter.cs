namespace FlowerPower.Cloud.Api;

/// <summary>Reads and writes <see cref="SharingStatus"/> as its wire string.</summary>
internal sealed class SharingStatusConverter : WireStringConverter<SharingStatus>
{
    protected override SharingStatus Create(string value) => new(value);
}
