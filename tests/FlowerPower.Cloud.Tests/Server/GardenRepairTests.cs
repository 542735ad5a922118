using System.Text.RegularExpressions;
using FlowerPower.Cloud.Server.CommandLine;
using FlowerPower.Cloud.Tests.TestSupport;

namespace FlowerPower.Cloud.Tests.Server;

/// <summary>
/// An owner puts a garden right from the command line, on both databases: an archive imported into the plant it
/// belongs to, a plant the import made merged into the one the bridge feeds with every sample kept once, and their
/// time zone and units changed after the fact.
/// </summary>
public sealed partial class GardenRepairTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowerpower-repair-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_archive_goes_into_the_bridges_plant_and_a_plant_the_import_made_merges_into_it_keeping_each_sample_once(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var dump = Directory.CreateDirectory(Path.Combine(_folder, "dump")).FullName;
        var file = Path.Combine(dump, "Flower power 1589.csv");
        var start = DateTimeOffset.UtcNow.Date.AddDays(-3);
        await File.WriteAllLinesAsync(
            file,
            [
                "capture_datetime_utc,fertilizer_level,light,soil_moisture_percent,air_temperature_celsius",
                .. Enumerable.Range(0, 96).Select(i => FormattableString.Invariant($"{start.AddMinutes(15 * i):yyyy-MM-dd HH:mm:ss} UTC,1.5,{i % 50 * 0.5},{30 - (i * 0.1):0.0},20.5")),
            ],
            Ct);
        var alice = ServerSession.Alice;
        const string serial = "PI040307AD5G201589";
        var added = await RunAsync(session, "locations", "add", "--user", alice, "--nickname", "Monstera", "--sensor", serial);
        var plantOfSensor = added.Output.Trim().Split(' ')[^1];

        var intoPlant = await RunAsync(session, "import", "csv-dump", file, "--user", alice, "--location", plantOfSensor);
        var intoAgain = await RunAsync(session, "import", "csv-dump", file, "--user", alice, "--location", plantOfSensor);
        var made = await RunAsync(session, "import", "csv-dump", dump, "--user", alice);
        var madeLocation = LocationMade().Match(made.Output).Groups[1].Value;
        using (var client = new FlowerPowerClient(session.Options()))
        {
            var now = DateTimeOffset.UtcNow;
            await client.UploadSamplesAsync(Api.UploadCallsTests.Upload(serial, new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero)), Ct);
        }

        var merged = await RunAsync(session, "locations", "merge", "--user", alice, "--from", madeLocation, "--into", plantOfSensor);
        var reimported = await RunAsync(session, "import", "csv-dump", dump, "--user", alice);
        var folderIntoOne = await RunAsync(session, "import", "csv-dump", _folder, "--user", alice, "--location", plantOfSensor);
        var itself = await RunAsync(session, "locations", "merge", "--user", alice, "--from", plantOfSensor, "--into", plantOfSensor);
        var unknown = await RunAsync(session, "locations", "merge", "--user", alice, "--from", "NO-SUCH-PLANT", "--into", plantOfSensor);
        var unknownInto = await RunAsync(session, "import", "csv-dump", file, "--user", alice, "--location", "NO-SUCH-PLANT");

        Assert.Equal(0, added.Exit);
        Assert.Equal(0, intoPlant.Exit);
        Assert.Contains("96 samples, 96 new", intoPlant.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("without a sensor serial", intoPlant.Output, StringComparison.Ordinal);
        Assert.Contains("96 samples, 0 new", intoAgain.Output, StringComparison.Ordinal);
        Assert.Equal(0, made.Exit);
        Assert.Contains("without a sensor serial", made.Output, StringComparison.Ordinal);
        Assert.Contains($"locations set --user {alice} --location {madeLocation} --sensor SERIAL", made.Output, StringComparison.Ordinal);
        Assert.Equal(0, merged.Exit);
        Assert.Contains($"({madeLocation}) into \"Monstera\" ({plantOfSensor}): 0 of its 96 samples were new", merged.Output, StringComparison.Ordinal);
        Assert.Contains("96 samples, 0 new", reimported.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("without a sensor serial", reimported.Output, StringComparison.Ordinal);
        Assert.Equal(2, folderIntoOne.Exit);
        Assert.Contains("--location takes one sensor's history", folderIntoOne.Error, StringComparison.Ordinal);
        Assert.Equal(2, itself.Exit);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("has no location NO-SUCH-PLANT", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknownInto.Exit);
        using var owner = new FlowerPowerClient(session.Options());
        var plants = (await owner.GetGardenAsync(Ct)).Plants;
        Assert.Equal(2, plants.Count);
        var plant = Assert.Single(plants, p => p.LocationIdentifier == plantOfSensor);
        Assert.Equal(serial, plant.SensorSerial);
        Assert.Equal(96 + 6, plant.Status!.TotalSampleCount);
        var samples = await owner.GetSamplesAsync(plantOfSensor, start, DateTimeOffset.UtcNow.AddHours(1), Ct);
        Assert.Equal(96 + 6, samples.Samples.Count);
        Assert.Equal(samples.Samples.Count, samples.Samples.Select(s => s.CaptureDatetimeUtc).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task An_owners_time_zone_and_units_change_and_their_profile_follows(string kind)
    {
        await using var session = await ServerSession.StartAsync(kind);
        var alice = ServerSession.Alice;
        long before;
        using (var client = new FlowerPowerClient(session.Options()))
        {
            before = (await client.GetVersionsAsync(Ct)).UserConfigVersion!.Value;
        }

        var set = await RunAsync(session, "users", "set", alice, "--time-zone", "America/New_York", "--temperature", "fahrenheit", "--light", "mol");
        var lightOnly = await RunAsync(session, "users", "set", alice, "--light", "ftc");
        var badZone = await RunAsync(session, "users", "set", alice, "--time-zone", "Mars/Olympus_Mons");
        var nothing = await RunAsync(session, "users", "set", alice);
        var badLight = await RunAsync(session, "users", "set", alice, "--light", "candela");
        var addBadZone = await RunAsync(session, "users", "add", "carol@example.invalid", "--password-stdin", "--time-zone", "Europe/Atlantis");

        Assert.Equal(0, set.Exit);
        Assert.Contains($"set {alice}: time zone America/New_York, temperatures in fahrenheit, light in mol", set.Output, StringComparison.Ordinal);
        Assert.Contains("time zone America/New_York, temperatures in fahrenheit, light in ftc", lightOnly.Output, StringComparison.Ordinal);
        Assert.Equal(2, badZone.Exit);
        Assert.Contains("'Mars/Olympus_Mons' is not a time zone", badZone.Error, StringComparison.Ordinal);
        Assert.Equal(2, nothing.Exit);
        Assert.Equal(2, badLight.Exit);
        Assert.Equal(2, addBadZone.Exit);
        Assert.Contains("'Europe/Atlantis' is not a time zone", addBadZone.Error, StringComparison.Ordinal);
        using var after = new FlowerPowerClient(session.Options());
        var profile = (await after.GetProfileAsync(Ct)).UserProfile!;
        Assert.Equal("America/New_York", profile.UtcTimezone);
        Assert.Equal(true, profile.UseFahrenheit);
        Assert.Equal(true, profile.UseFtc);
        Assert.Equal(false, profile.UseLux);
        Assert.Equal(false, profile.UseMol);
        Assert.True((await after.GetVersionsAsync(Ct)).UserConfigVersion > before);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(ServerSession session, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ServerCommandLine.RunAsync(
            [.. session.Database.Arguments, .. args], output, error, Ct, new StringReader("carol-password\n"), new CapturingLoggerFactory());
        return (exit, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"\(location ([^)\s]+)\) without a sensor serial")]
    private static partial Regex LocationMade();
}
