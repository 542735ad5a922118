namespace FlowerPower.Cloud.Samples;

/// <summary>
/// Shows download progress of one plant's history by the time the samples reached: redrawn in place on a
/// terminal, printed at quarters when the output is a file or a pipe.
/// </summary>
internal sealed class ProgressLine(TextWriter output, string name, DateTimeOffset from, DateTimeOffset to)
{
    private const int Width = 24;
    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private int _shown = -1;

    public async Task ReportAsync(DateTimeOffset reached)
    {
        var percent = (int)Math.Clamp(100 * (reached - from) / (to - from), 0, 100);
        var step = _interactive ? percent : percent / 25 * 25;
        if (step == _shown)
        {
            return;
        }

        _shown = step;
        if (_interactive)
        {
            await output.WriteAsync($"\r  {Bar(percent)} {name}");
        }
        else if (step < 100)
        {
            await output.WriteLineAsync($"  {Bar(step)} {name}");
        }
    }

    public async Task CompleteAsync(string summary)
    {
        if (_interactive)
        {
            await output.WriteAsync("\r");
        }

        await output.WriteLineAsync($"  {Bar(100)} {name}: {summary}");
    }

    private static string Bar(int percent)
    {
        var filled = percent * Width / 100;
        return $"[{new string('#', filled)}{new string('.', Width - filled)}] {percent,3}%";
    }
}
