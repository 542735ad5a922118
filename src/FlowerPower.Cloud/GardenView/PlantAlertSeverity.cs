namespace FlowerPower.Cloud;

/// <summary>How soon a <see cref="PlantAlert"/> needs the owner, from the wire's <c>status_key</c>.</summary>
public enum PlantAlertSeverity
{
    /// <summary>Not yet, but the cloud predicts it (<c>predicted_action</c>); see <see cref="PlantAlert.PredictedActionDatetimeUtc"/>.</summary>
    Predicted,

    /// <summary>Needs attention (<c>status_warning</c>, a low battery, a status the SDK does not know).</summary>
    Warning,

    /// <summary>Needs attention now (<c>status_critical</c>).</summary>
    Critical,
}
