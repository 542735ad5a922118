namespace FlowerPower.Cloud.Emulator;

/// <summary>Settings of a <see cref="FlowerPowerEmulator"/>.</summary>
public sealed class FlowerPowerEmulatorOptions
{
    /// <summary>Where to listen. Default <c>http://127.0.0.1:0</c>: loopback, a free port.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>Picks the garden: the same seed and start time give the same samples. Default 42.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How long an access token lives (<c>expires_in</c>). Default 172800 seconds (48 hours), as on the cloud.</summary>
    public TimeSpan TokenLifetime { get; set; } = FlowerPower.Cloud.Wire.CloudTokens.DefaultLifetime;

    /// <summary>How many days of samples the garden has before the start time. Default 120.</summary>
    public int HistoryDays { get; set; } = 120;

    /// <summary>The emulator's clock: token expiry, "now" of the garden, latency. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Faults to inject from the start; they can be changed later through <see cref="FlowerPowerEmulator.Faults"/>.</summary>
    public EmulatorFaults Faults { get; set; } = new();
}
