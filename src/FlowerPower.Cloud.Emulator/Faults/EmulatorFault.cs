namespace FlowerPower.Cloud.Emulator;

/// <summary>A way the emulator can fail a resource request on purpose.</summary>
public enum EmulatorFault
{
    /// <summary>HTTP 503 with an empty body.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 429 with <c>Retry-After</c> set to <see cref="EmulatorFaults.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>HTTP 200 with a JSON body cut off halfway, delivered whole (its Content-Length matches what is sent).</summary>
    MalformedBody,

    /// <summary>HTTP 502 with an HTML page, as a gateway sends it.</summary>
    GatewayHtml,

    /// <summary>HTTP 500 with <c>errors</c> holding 5200 INTERNAL_ERROR.</summary>
    InternalError,

    /// <summary>
    /// HTTP 200 whose body breaks off: the headers promise the whole body, half of it is sent, and the connection is
    /// dropped, as a proxy or a flaky network does.
    /// </summary>
    CutBody,
}
