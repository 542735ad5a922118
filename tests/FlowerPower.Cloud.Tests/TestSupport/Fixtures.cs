namespace FlowerPower.Cloud.Tests.TestSupport;

/// <summary>The real payloads, copied into the repository from the project's shared fixtures.</summary>
internal static class Fixtures
{
    public static string RealDirectory => Path.Combine(AppContext.BaseDirectory, "fixtures", "real");

    public static IEnumerable<string> RealFiles => Directory.EnumerateFiles(RealDirectory, "*.json").Order();

    public static string Read(string name) => File.ReadAllText(Path.Combine(RealDirectory, name));

    /// <summary>The shared fixtures folder beside the checkout, when there is one (a developer machine, CI).</summary>
    public static string? SharedDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "FlowerPower.Cloud.sln")))
                {
                    var shared = Path.Combine(dir.FullName, "..", "shared", "fixtures", "real");
                    return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
                }
            }

            return null;
        }
    }
}
