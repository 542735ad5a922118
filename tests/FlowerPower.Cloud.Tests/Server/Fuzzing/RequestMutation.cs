namespace FlowerPower.Cloud.Tests.Server.Fuzzing;

/// <summary>How a generated request differs from a real one.</summary>
internal enum RequestMutation
{
    None,
    RemoveField,
    SwapValue,
    CutBody,
    CorruptBuffer,
    ResizeBuffer,
    DeepNesting,
}
