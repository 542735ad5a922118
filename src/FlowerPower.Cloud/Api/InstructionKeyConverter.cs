namespace FlowerPower.Cloud.Api;

/// <summary>Reads and writes <see cref="InstructionKey"/> as its wire string.</summary>
internal sealed class InstructionKeyConverter : WireStringConverter<InstructionKey>
{
    protected override InstructionKey Create(string value) => new(value);
}
