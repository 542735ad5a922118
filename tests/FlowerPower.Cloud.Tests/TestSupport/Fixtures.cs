namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>The real payloads, copied into the repository from the project's shared fixtures.</summary>
internal static class Fixtures
{
    public static string RealDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures", "real");

    public static IEnumerable<string> RealFiles => Directory.EnumerateFiles(RealDirectory, "*.json").Order();

    public static string Read(string name) => File.ReadAllText(Path.Combine(RealDirectory, name));

    /// <summary>The shared fixtures folder beside the checkout, when there is one (a developer machine, CI).</summary>
    public static string? SharedDirectory => Shared("fixtures", "real");

    /// <summary>
    /// A folder of the project's shared material beside the checkout (<c>../shared/...</c>). CI lays one there, so under
    /// <c>CI=true</c> a missing one fails the test; on a developer's machine without it the test is skipped, saying so.
    /// </summary>
    public static string RequireShared(params string[] parts)
    {
        if (Shared(parts) is { } folder)
        {
            return folder;
        }

        Assert.False(Environment.GetEnvironmentVariable("CI") == "true", $"no shared/{string.Join('/', parts)} beside this checkout: CI lays one there");
        Assert.Skip($"no shared/{string.Join('/', parts)} beside this checkout");
        return string.Empty;
    }

    private static string? Shared(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowerPower.Cloud.sln")))
            {
                var shared = Path.Combine([dir.FullName, "..", "shared", .. parts]);
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }

        return null;
    }
}
