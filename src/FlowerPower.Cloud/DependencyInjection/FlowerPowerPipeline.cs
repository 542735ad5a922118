using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Authentication;
using FlowerPower.Cloud.Diagnostics;
using FlowerPower.Cloud.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Refit;

namespace FlowerPower.Cloud.DependencyInjection;

/// <summary>
/// The one place that builds a client's HTTP stack, used by <see cref="FlowerPowerClient"/>'s own constructor and
/// by <c>AddFlowerPowerCloud</c> alike, so the two ways of using the SDK cannot drift apart.
/// Resource requests: resilience (outermost) → authentication → transport. Token requests: their own resilience
/// rule → transport, never through the authentication handler.
/// </summary>
internal sealed class FlowerPowerPipeline
{
    public const string ResourceClientName = "FlowerPower.Cloud";
    public const string TokenClientName = "FlowerPower.Cloud.Token";

    private static readonly RefitSettings Settings = new(SystemTextJsonContentSerializer.ForContext(FlowerPowerJsonContext.Default));
    private static readonly string UserAgent =
        $"FlowerPower.Cloud/{typeof(FlowerPowerPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    private readonly ResiliencePipeline<HttpResponseMessage> _resourcePipeline;
    private readonly ResiliencePipeline<HttpResponseMessage> _tokenPipeline;

    public FlowerPowerPipeline(
        FlowerPowerClientOptions options,
        ITokenStore? tokenStore,
        TimeProvider? timeProvider,
        ILoggerFactory? loggerFactory,
        Func<HttpClient> tokenHttpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Clone();
        var problems = options.Validate(passwordRequired: tokenStore is null);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                "The FlowerPower client settings are not valid: " + string.Join(" ", problems), nameof(options));
        }

        Options = options;
        TimeProvider = timeProvider ?? TimeProvider.System;
        var loggers = loggerFactory ?? NullLoggerFactory.Instance;
        Logger = loggers.CreateLogger("FlowerPower.Cloud");
        Redactor = new SecretRedactor();
        Reader = new ResponseReader(Redactor, TimeProvider);
        _resourcePipeline = FlowerPowerResiliencePipelines.CreateResource(options, TimeProvider, Logger);
        _tokenPipeline = FlowerPowerResiliencePipelines.CreateToken(options, TimeProvider, Logger);
        var endpoint = new TokenEndpointClient(options, () => CreateApi(tokenHttpClient()), Reader, Redactor.Redact);
        Tokens = new TokenProvider(options, endpoint, tokenStore ?? new InMemoryTokenStore(), TimeProvider, Redactor, Logger);
    }

    public FlowerPowerClientOptions Options { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public SecretRedactor Redactor { get; }

    public ResponseReader Reader { get; }

    public TokenProvider Tokens { get; }

    public static IFlowerPowerApi CreateApi(HttpClient httpClient) =>
        RestService.ForGenerated<IFlowerPowerApi>(httpClient, Settings);

    public void ConfigureHttpClient(HttpClient client)
    {
        client.BaseAddress = Options.BaseAddress;
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    public DelegatingHandler CreateResourceResilienceHandler() => new ResilienceHandler(_resourcePipeline);

    public DelegatingHandler CreateTokenResilienceHandler() => new ResilienceHandler(_tokenPipeline);

    public DelegatingHandler CreateAuthenticationHandler() => new AuthenticationHandler(Tokens, Logger);
}
