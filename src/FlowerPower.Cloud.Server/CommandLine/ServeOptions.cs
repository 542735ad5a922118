using System.CommandLine;
using FlowerPower.Cloud.Server.Hosting;
using FlowerPower.Cloud.Wire;

namespace FlowerPower.Cloud.Server.CommandLine;

/// <summary>The options of <c>serve</c> (also the program's own, as serving is what it does with no command).</summary>
internal sealed class ServeOptions
{
    public Option<string> Urls { get; } = new("--urls")
    {
        Description = "where to listen: http:// or https:// addresses separated by ';' (plain http only on loopback unless --allow-http)",
        DefaultValueFactory = _ => "http://127.0.0.1:5090",
    };

    public Option<int> TokenLifetime { get; } = new("--token-lifetime")
    {
        Description = "how long an access token lives, in seconds",
        DefaultValueFactory = _ => (int)CloudTokens.DefaultLifetime.TotalSeconds,
    };

    public Option<string?> Certificate { get; } = new("--certificate")
    {
        Description = "the TLS certificate for https:// addresses, a PEM file (Let's Encrypt's fullchain.pem)",
    };

    public Option<string?> CertificateKey { get; } = new("--certificate-key")
    {
        Description = "the certificate's private key, a PEM file (Let's Encrypt's privkey.pem)",
    };

    public Option<bool> AllowHttp { get; } = new("--allow-http")
    {
        Description = "serve plain http on addresses other than loopback: only behind a proxy that terminates TLS",
    };

    public Option<bool> ForwardedHeaders { get; } = new("--forwarded-headers")
    {
        Description = "trust X-Forwarded-For and X-Forwarded-Proto from a proxy on this machine",
    };

    public Option<int> KeepUploads { get; } = KeepUploadsOption();

    public Option<bool> NoWeb { get; } = new("--no-web")
    {
        Description = "serve the API only, without the web garden at the server's root",
    };

    /// <summary>How many days upload bodies are kept; 0 keeps them for ever.</summary>
    public static Option<int> KeepUploadsOption() => new("--keep-uploads")
    {
        Description = "how many days upload bodies are kept as received (their samples stay for ever); 0 keeps them for ever",
        DefaultValueFactory = _ => 90,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days <= 36_500)
            {
                return days;
            }

            result.AddError($"--keep-uploads must be a number of days from 0 to 36500, not '{text}'");
            return 90;
        },
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Urls);
        command.Options.Add(TokenLifetime);
        command.Options.Add(Certificate);
        command.Options.Add(CertificateKey);
        command.Options.Add(AllowHttp);
        command.Options.Add(ForwardedHeaders);
        command.Options.Add(KeepUploads);
        command.Options.Add(NoWeb);
    }

    /// <summary>The options of <c>serve</c>: each flag given on the command line, else its setting (<see cref="ServerSettings"/>), else its default.</summary>
    /// <exception cref="SettingsException">A setting does not fit its option.</exception>
    public ServerOptions Read(ParseResult result, ServerSettings settings) => new()
    {
        Urls = settings.Text(result, Urls)!,
        TokenLifetime = TimeSpan.FromSeconds(settings.Number(result, TokenLifetime, 1, int.MaxValue)),
        CertificatePath = settings.Text(result, Certificate),
        CertificateKeyPath = settings.Text(result, CertificateKey),
        AllowHttp = settings.Flag(result, AllowHttp),
        ForwardedHeaders = settings.Flag(result, ForwardedHeaders),
        KeepUploads = settings.Number(result, KeepUploads, 0, 36_500) is > 0 and var days ? TimeSpan.FromDays(days) : null,
        Web = !settings.Flag(result, NoWeb),
    };
}
