using System.Text.Json.Serialization;

namespace FlowerPower.Cloud;

/// <summary>
/// Base of every resource response. The cloud puts these four fields beside the payload of each answer.
/// </summary>
public abstract class FlowerPowerResponse : FlowerPowerModel
{
    private IReadOnlyList<ApiError> _errors = [];

    /// <summary>The server build that answered (<c>server_identifier</c>), for example "2.1.18 April 6th 2017".</summary>
    public string? ServerIdentifier { get; set; }

    /// <summary>Grows whenever the garden's configuration changes (<c>user_config_version</c>).</summary>
    public long? UserConfigVersion { get; set; }

    /// <summary>Grows whenever the garden's status changes (<c>garden_status_version</c>).</summary>
    public long? GardenStatusVersion { get; set; }

    /// <summary>
    /// Errors the server reported in the body (<c>errors</c>). Never null, and empty on every response a call
    /// returns: the client turns a non-empty list into a <see cref="FlowerPowerApiException"/>, whose
    /// <see cref="FlowerPowerApiException.Errors"/> holds them. Kept for readers of the API reference, where every
    /// answer has the field.
    /// </summary>
    [JsonInclude]
    public IReadOnlyList<ApiError> Errors
    {
        get => _errors;
        internal set
        {
            ReportedErrorCount = value?.Count ?? 0;
            _errors = ModelLists.Clean(value);
        }
    }

    /// <summary>How many elements the wire's <c>errors</c> held, null ones included: any at all means failure.</summary>
    internal int ReportedErrorCount { get; private set; }
}
