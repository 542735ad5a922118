namespace FlowerPower.Cloud.Tests.Fuzzing;

/// <summary>How a generated answer departs from a real one.</summary>
internal enum MutationKind
{
    None,
    Truncate,
    FlipByte,
    SwapType,
    NonFinite,
    DeepNesting,
    InvalidUtf8,
    OddErrors,
}
