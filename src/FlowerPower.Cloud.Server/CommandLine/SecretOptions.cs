using System.CommandLine;
using FlowerPower.Cloud.Server.Administration;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>
/// A secret of an administration command: <c>--NAME-stdin</c> reads it as one line from standard input, where no
/// other user of the machine can see it; <c>--NAME VALUE</c> still works for scripts, with a warning, since a command
/// line is visible to everyone on the machine (<c>ps</c>) and often kept in a shell's history.
/// </summary>
internal sealed class SecretOptions(string name, string description)
{
    private readonly Option<string?> _value = new($"--{name}") { Description = $"{description}; visible to other users of this machine, prefer --{name}-stdin" };
    private readonly Option<bool> _stdin = new($"--{name}-stdin") { Description = $"reads {description} as one line from standard input" };

    public void AddTo(Command command)
    {
        command.Options.Add(_value);
        command.Options.Add(_stdin);
    }

    /// <summary>The secret, from standard input or the command line.</summary>
    /// <exception cref="AdminException">Neither or both were given, or standard input was empty (a bad argument).</exception>
    public async Task<string> ReadAsync(ParseResult result, TextReader input)
    {
        var value = result.GetValue(_value);
        var stdin = result.GetValue(_stdin);
        if (value is not null && stdin)
        {
            throw new AdminException($"give --{name} or --{name}-stdin, not both", isBadArgument: true);
        }

        if (stdin)
        {
            return (await input.ReadLineAsync())?.TrimEnd('\r') is { Length: > 0 } line
                ? line
                : throw new AdminException($"--{name}-stdin read nothing from standard input", isBadArgument: true);
        }

        if (value is null)
        {
            throw new AdminException($"give the {name} with --{name}-stdin (one line on standard input)", isBadArgument: true);
        }

        return value;
    }

    /// <summary>The warning for a secret given on the command line, to print once the command is done; null otherwise.</summary>
    public string? Warning(ParseResult result) => result.GetValue(_value) is null
        ? null
        : $"warning: --{name} put the {name} on the command line, where other users of this machine can see it; use --{name}-stdin";
}
