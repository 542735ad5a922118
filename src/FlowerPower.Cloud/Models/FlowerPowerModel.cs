using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowerPower.Cloud;

/// <summary>
/// Base of every object the Flower Power Cloud sends. Fields that no property names are kept in
/// <see cref="AdditionalProperties"/>, so nothing the server sent is lost when it adds new fields.
/// </summary>
public abstract class FlowerPowerModel
{
    private IDictionary<string, JsonElement>? _additionalProperties;

    /// <summary>Fields of this object that have no typed property, by their JSON name, exactly as they were sent. Never null.</summary>
    [JsonExtensionData]
    [JsonInclude]
    public IDictionary<string, JsonElement> AdditionalProperties
    {
        // Created on first use: most objects have no unknown field, and a history holds tens of thousands of them.
        get => _additionalProperties ??= new Dictionary<string, JsonElement>();
        internal set => _additionalProperties = value;
    }
}
