namespace FlowerPower.Cloud.Api;

/// <summary>Raised inside the reader when a body passes the size limit; surfaces as <see cref="FlowerPowerResponseException"/>.</summary>
internal sealed class BodyTooLargeException(long maxBytes) : IOException($"the body is larger than {maxBytes} bytes")
{
}
