namespace FlowerPower.Cloud.Emulator.Cloud.Uploads;

/// <summary>Why an upload was refused, as the reference's error code and message; nothing of it was stored.</summary>
internal sealed class UploadRefusal(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
