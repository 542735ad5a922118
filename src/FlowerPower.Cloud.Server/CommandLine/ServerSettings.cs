using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>
/// The server's settings from where operators keep them, besides its flags: a JSON file (<c>--config FILE</c>, or
/// <c>FLOWERPOWER_CONFIG</c>) and <c>FLOWERPOWER_</c> environment variables (a systemd <c>EnvironmentFile</c>, a
/// container's <c>-e</c>), through ASP.NET Core's configuration system. Each flag's setting is named after it:
/// <c>--keep-uploads</c> is <c>keep_uploads</c> in the file and <c>FLOWERPOWER_KEEP_UPLOADS</c> in the environment.
/// A flag given on the command line wins, then the environment, then the file, then the flag's default. A value that
/// does not fit is refused in one line naming where it came from (never echoing a connection string).
/// </summary>
internal sealed class ServerSettings
{
    /// <summary>The environment variables' prefix.</summary>
    public const string Prefix = "FLOWERPOWER_";

    private readonly IConfiguration _configuration;
    private readonly string? _file;

    private ServerSettings(IConfiguration configuration, string? file)
    {
        _configuration = configuration;
        _file = file;
    }

    /// <summary>Settings from the environment only (no file).</summary>
    public static ServerSettings None { get; } = new(new ConfigurationBuilder().Build(), null);

    /// <summary>Reads the file (when given) and the environment.</summary>
    /// <exception cref="SettingsException">The file is missing or is not JSON.</exception>
    public static ServerSettings Load(string? file, IDictionary<string, string?>? environment = null)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                throw new SettingsException($"there is no settings file {file}");
            }

            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }

        if (environment is null)
        {
            builder.AddEnvironmentVariables(Prefix);
        }
        else
        {
            builder.AddInMemoryCollection(environment.Where(e => e.Key.StartsWith(Prefix, StringComparison.Ordinal)).Select(e => KeyValuePair.Create(e.Key[Prefix.Length..], e.Value)));
        }

        try
        {
            return new ServerSettings(builder.Build(), file);
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new SettingsException($"the settings file {file} is not JSON of settings: {exception.Message.Split('\n')[0]}");
        }
    }

    /// <summary>The value of <paramref name="option"/>: the command line's when given there, else the setting's, else the option's default.</summary>
    /// <exception cref="SettingsException">The setting's text does not fit the option.</exception>
    /// <typeparam name="T">The option's type: <c>string</c> or <c>string?</c>.</typeparam>
    /// <param name="result">The parsed command line.</param>
    /// <param name="option">The option.</param>
    public T Text<T>(ParseResult result, Option<T> option)
        where T : class? => Get(result, option, text => (true, (T)(object)text));

    /// <inheritdoc cref="Text{T}(ParseResult, Option{T})"/>
    public bool Flag(ParseResult result, Option<bool> option) => Get(result, option, text => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "on" => (true, true),
        "false" or "0" or "no" or "off" => (true, false),
        _ => (false, false),
    });

    /// <inheritdoc cref="Text{T}(ParseResult, Option{T})"/>
    /// <param name="result">The parsed command line.</param>
    /// <param name="option">The option.</param>
    /// <param name="min">The smallest value allowed.</param>
    /// <param name="max">The largest value allowed.</param>
    public int Number(ParseResult result, Option<int> option, int min, int max) => Get(result, option, text =>
        int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max ? (true, number) : (false, 0),
        FormattableString.Invariant($"a whole number from {min} to {max}"));

    /// <summary>
    /// The values of a repeatable option: the command line's when given there, else the setting's (a JSON array in the
    /// file, or one text of values separated by commas or spaces), else none.
    /// </summary>
    public IReadOnlyList<string> List(ParseResult result, Option<string[]> option)
    {
        if (result.GetResult(option) is { Implicit: false })
        {
            return result.GetValue(option) ?? [];
        }

        var key = Key(option);
        if (_configuration[key] is { } text)
        {
            return text.Split([',', ' ', ';', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        return _configuration.GetSection(key).GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0).ToList();
    }

    /// <summary>
    /// A setting that has no flag because it is a secret (never on a command line): <c>FLOWERPOWER_NAME</c> in the
    /// environment or <c>name</c> in the file, where <paramref name="key"/> is <c>name</c>; null when neither has it.
    /// </summary>
    public string? Secret(string key) => _configuration[key] is { Length: > 0 } value ? value : null;

    /// <summary>The setting's name for <paramref name="option"/>: <c>--keep-uploads</c> is <c>keep_uploads</c>.</summary>
    public static string Key(Option option) => option.Name.TrimStart('-').Replace('-', '_');

    private T Get<T>(ParseResult result, Option<T> option, Func<string, (bool Ok, T Value)> parse, string what = "a value this setting takes")
    {
        if (result.GetResult(option) is { Implicit: false })
        {
            return result.GetValue(option)!;
        }

        var key = Key(option);
        if (_configuration[key] is not { } text)
        {
            return result.GetValue(option)!;
        }

        var (ok, value) = parse(text);
        if (!ok)
        {
            var where = Prefix + key.ToUpperInvariant() + (_file is null ? string.Empty : $" or '{key}' in {_file}");
            throw new SettingsException($"{where}: '{text}' is not {what} (like {option.Name})");
        }

        return value;
    }
}
