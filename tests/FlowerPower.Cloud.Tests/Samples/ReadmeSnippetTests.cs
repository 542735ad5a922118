using System.Text.RegularExpressions;
using FlowerPower.Cloud.Samples.Snippets;

namespace FlowerPower.Cloud.Tests.Samples;

/// <summary>Every C# snippet of the README is code of the samples project, so it compiles and cannot drift.</summary>
public sealed partial class ReadmeSnippetTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FlowerPower.Cloud.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FlowerPower.Cloud.sln not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("README.md", 6)]
    [InlineData("docs/packages/FlowerPower.Cloud.md", 3)]
    [InlineData("docs/packages/FlowerPower.Cloud.Emulator.md", 1)]
    public void Every_csharp_snippet_of_a_readme_stands_in_the_samples_project(string readmePath, int atLeast)
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, readmePath));
        var sources = Directory.GetFiles(Path.Combine(root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Normalize(File.ReadAllText(f)))
            .ToList();

        var snippets = CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();

        Assert.True(snippets.Count >= atLeast, $"only {snippets.Count} snippets found in {readmePath}");
        foreach (var snippet in snippets)
        {
            Assert.True(sources.Any(s => s.Contains(Normalize(snippet), StringComparison.Ordinal)), $"{readmePath} snippet not in samples/:\n" + snippet);
        }
    }

    [Fact]
    public void The_readme_first_screen_gives_the_install_line_then_exactly_the_two_commands()
    {
        var firstScreen = string.Join('\n', File.ReadLines(Path.Combine(RepositoryRoot(), "README.md")).Take(25));

        var install = firstScreen.IndexOf("## Install", StringComparison.Ordinal);
        var repository = firstScreen.IndexOf("## Work on this repository", StringComparison.Ordinal);
        Assert.True(install >= 0 && repository > install, "the first screen needs an Install section, then the repository's commands");
        Assert.Contains("dotnet add package FlowerPower.Cloud", firstScreen[install..repository], StringComparison.Ordinal);

        var commands = ShellBlock().Matches(firstScreen[repository..]).Single().Groups[1].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, commands.Length);
        Assert.StartsWith("dotnet run --project samples/FlowerPower.Cloud.Samples ", commands[0], StringComparison.Ordinal);
        Assert.StartsWith("dotnet test ", commands[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulator_snippet_runs()
    {
        Assert.Equal(5, await ReadmeSnippets.EmulatorAsync());
    }

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
