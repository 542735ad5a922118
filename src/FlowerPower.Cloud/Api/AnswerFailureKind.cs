namespace FlowerPower.Cloud.Api;

/// <summary>Why an answer did not become a model.</summary>
internal enum AnswerFailureKind
{
    /// <summary>The server said no: an error status, a non-empty <c>errors</c> array, or an OAuth error.</summary>
    Refused,

    /// <summary>A whole body arrived that is not the expected JSON (wrong shape, HTML, undecodable, too large).</summary>
    Unreadable,

    /// <summary>The JSON body ended before its last value closed: cut off on the way, worth another attempt.</summary>
    Truncated,

    /// <summary>The connection broke while the body was read: nothing readable arrived, worth another attempt.</summary>
    ConnectionBroken,
}
