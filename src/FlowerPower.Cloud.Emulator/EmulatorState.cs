using FlowerPower.Cloud.Emulator.Authentication;
using FlowerPower.Cloud.Emulator.Garden;

namespace FlowerPower.Cloud.Emulator;

/// <summary>Everything one emulator instance keeps: its garden, its tokens, its store and its faults.</summary>
internal sealed class EmulatorState
{
    public EmulatorState(FlowerPowerEmulatorOptions options)
    {
        Time = options.TimeProvider;
        Garden = new DemoGarden(options.Seed, options.TimeProvider.GetUtcNow(), options.HistoryDays, options.TimeProvider);
        Tokens = new TokenIssuer(options.TimeProvider, options.TokenLifetime);
        Store = new DemoStore(Garden, Tokens, Time);
        Faults = options.Faults;
        FaultRandom = new Random(options.Seed);
    }

    public TimeProvider Time { get; }

    public DemoGarden Garden { get; }

    public TokenIssuer Tokens { get; }

    public DemoStore Store { get; }

    public EmulatorFaults Faults { get; }

    public Random FaultRandom { get; }
}
