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

    [Fact]
    public void Every_csharp_snippet_of_the_readme_stands_in_the_samples_project()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var sources = Directory.GetFiles(Path.Combine(root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Normalize(File.ReadAllText(f)))
            .ToList();

        var snippets = CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value).ToList();

        Assert.True(snippets.Count >= 6, $"only {snippets.Count} snippets found");
        foreach (var snippet in snippets)
        {
            Assert.True(sources.Any(s => s.Contains(Normalize(snippet), StringComparison.Ordinal)), "README snippet not in samples/:\n" + snippet);
        }
    }

    [Fact]
    public void The_readme_first_screen_gives_the_two_commands()
    {
        var firstScreen = string.Join('\n', File.ReadLines(Path.Combine(RepositoryRoot(), "README.md")).Take(25));

        Assert.Contains("dotnet run --project samples/FlowerPower.Cloud.Samples", firstScreen, StringComparison.Ordinal);
        Assert.Contains("dotnet test", firstScreen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_emulator_snippet_runs()
    {
        Assert.Equal(5, await ReadmeSnippets.EmulatorAsync());
    }

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
