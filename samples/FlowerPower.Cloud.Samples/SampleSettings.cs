namespace FlowerPower.Cloud.Samples;

/// <summary>Where the sample runs: a real server named by environment variables, or the embedded emulator.</summary>
internal sealed record SampleSettings(FlowerPowerClientOptions? Options, string? Problem)
{
    private static readonly string[] Required =
        ["FLOWERPOWER_CLIENT_ID", "FLOWERPOWER_CLIENT_SECRET", "FLOWERPOWER_USERNAME", "FLOWERPOWER_PASSWORD"];

    public bool UseEmulator => Options is null && Problem is null;

    public static SampleSettings From(Func<string, string?> environment)
    {
        var values = Required.ToDictionary(name => name, environment);
        var given = values.Count(v => !string.IsNullOrEmpty(v.Value));
        if (given == 0)
        {
            return new SampleSettings(null, null);
        }

        if (given < Required.Length)
        {
            var missing = string.Join(", ", values.Where(v => string.IsNullOrEmpty(v.Value)).Select(v => v.Key));
            return new SampleSettings(null, $"Set all of {string.Join(", ", Required)}, or none to use the emulator. Missing: {missing}.");
        }

        var options = new FlowerPowerClientOptions
        {
            ClientId = values["FLOWERPOWER_CLIENT_ID"],
            ClientSecret = values["FLOWERPOWER_CLIENT_SECRET"],
            Username = values["FLOWERPOWER_USERNAME"],
            Password = values["FLOWERPOWER_PASSWORD"],
        };
        if (environment("FLOWERPOWER_BASE_ADDRESS") is { Length: > 0 } address)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                return new SampleSettings(null, $"FLOWERPOWER_BASE_ADDRESS must be an http:// or https:// address, not '{address}'.");
            }

            options.BaseAddress = baseAddress;
        }

        return new SampleSettings(options, null);
    }
}
