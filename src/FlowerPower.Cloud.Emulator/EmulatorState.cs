using FlowerPower.Cloud.Emulator.Authentication;
using FlowerPower.Cloud.Emulator.Garden;

namespace FlowerPower.Cloud.Emulator;

/// <summary>Everything one emulator instance keeps: its garden, its tokens and its faults.</summary>
internal sealed class EmulatorState(FlowerPowerEmulatorOptions options)
{
    public TimeProvider Time { get; } = options.TimeProvider;

    public DemoGarden Garden { get; } = new(options.Seed, options.TimeProvider.GetUtcNow(), options.HistoryDays, options.TimeProvider);

    public TokenIssuer Tokens { get; } = new(options.TimeProvider, options.TokenLifetime);

    public EmulatorFaults Faults { get; } = options.Faults;

    public Random FaultRandom { get; } = new(options.Seed);
}
