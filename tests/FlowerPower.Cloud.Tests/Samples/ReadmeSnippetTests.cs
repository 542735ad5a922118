using System.Text.RegularExpressions;
using FlowerPower.Cloud.Samples.Snippets;

namespace FlowerPower.Cloud.Tests.Samples;

/// <summary>Every C# snippet of the README is code of the samples project, so it compiles and cannot drift.</summary>
public sealed partial class ReadmeSnippetTests
{
    /// <summary>The repository root: the folder above the test binaries that holds the solution.</summary>
    internal static string RepositoryRoot()
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
    public void The_readme_first_screen_gives_exactly_the_two_commands()
    {
        var firstScreen = string.Join('\n', File.ReadLines(Path.Combine(RepositoryRoot(), "README.md")).Take(25));

        var repository = firstScreen.IndexOf("## Work on this repository", StringComparison.Ordinal);
        Assert.True(repository >= 0, "the first screen needs the repository's two commands");
        var commands = ShellBlock().Matches(firstScreen[repository..]).Single().Groups[1].Value
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, commands.Length);
        Assert.StartsWith("dotnet run --project samples/FlowerPower.Cloud.Samples ", commands[0], StringComparison.Ordinal);
        Assert.StartsWith("dotnet test ", commands[1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_install_section_packs_into_one_folder_and_takes_the_packages_and_the_tool_from_it_as_pre_release()
    {
        var commands = Section("## Install").Split('\n').Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToList();

        Assert.Contains("dotnet pack FlowerPower.Cloud.sln -c Release -o artifacts/packages", commands);
        Assert.Contains(commands, c => c.Contains("dotnet nuget add source \"$packages\"", StringComparison.Ordinal));
        Assert.Contains("dotnet add package FlowerPower.Cloud --prerelease", commands);
        Assert.Contains("dotnet add package FlowerPower.Cloud.Emulator --prerelease", commands);
        Assert.Contains("dotnet tool install -g FlowerPower.Cloud.Emulator.Tool --prerelease --add-source \"$packages\"", commands);
    }

    [Fact]
    public void The_quick_start_is_the_whole_program_of_the_quick_start_project()
    {
        var quickStart = CSharpBlock().Match(Section("## Quick start")).Groups[1].Value;
        var program = File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "FlowerPower.Cloud.QuickStart", "Program.cs"));

        Assert.Equal(program.ReplaceLineEndings("\n").Trim(), quickStart.Trim());
        Assert.StartsWith("using FlowerPower.Cloud;\nusing FlowerPower.Cloud.Emulator;", quickStart, StringComparison.Ordinal);
    }

    /// <summary>The README's text from <paramref name="heading"/> to the next heading of the same level.</summary>
    private static string Section(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no '{heading}'");
        var end = readme.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return readme[start..(end < 0 ? readme.Length : end)];
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
