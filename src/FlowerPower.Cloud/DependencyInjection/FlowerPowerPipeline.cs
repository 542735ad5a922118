using FlowerPower.Cloud.Api;
using FlowerPower.Cloud.Authentication;
using FlowerPower.Cloud.Diagnostics;
using FlowerPower.Cloud.Errors;
using FlowerPower.Cloud.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Refit;

namespace FlowerPower.Cloud.DependencyInjection;

/// <summary>
/// The one place that builds a client's call stack, used by <see cref="FlowerPowerClient"/>'s own constructor and
/// by <c>AddFlowerPowerCloud</c> alike, so the two ways of using the SDK cannot drift apart. Resource calls run
/// through a <see cref="CallRunner"/> with the resource pipeline and the bearer token; token requests through their
/// own runner with the token rule and no bearer token. The HTTP clients underneath carry no handler of the SDK's.
/// </summary>
internal sealed class FlowerPowerPipeline
{
    public const string ResourceClientName = "FlowerPower.Cloud";
    public const string TokenClientName = "FlowerPower.Cloud.Token";

    /// <summary>The resource HTTP client of a registration: the unnamed one keeps the plain name.</summary>
    public static string ResourceClientNameOf(string registration) => registration.Length == 0 ? ResourceClientName : $"{ResourceClientName}:{registration}";

    /// <summary>The token HTTP client of a registration.</summary>
    public static string TokenClientNameOf(string registration) => registration.Length == 0 ? TokenClientName : $"{TokenClientName}:{registration}";

    private static readonly RefitSettings Settings = new(SystemTextJsonContentSerializer.ForContext(FlowerPowerJsonContext.Default));
    private static readonly string UserAgent =
        $"FlowerPower.Cloud/{typeof(FlowerPowerPipeline).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}";

    private readonly ResiliencePipeline _resourcePipeline;
    private readonly FailureTranslator _translator;
    private readonly BearerAuthorizer _authorizer;

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
        Redactor = new SecretRedactor(TimeProvider);
        Reader = new ResponseReader(Redactor, TimeProvider);
        _translator = new FailureTranslator(Redactor);
        _resourcePipeline = FlowerPowerResiliencePipelines.CreateResource(options, TimeProvider, Logger);
        var tokenRunner = new CallRunner(
            FlowerPowerResiliencePipelines.CreateToken(options, TimeProvider, Logger), Reader, _translator, null, () => CreateApi(tokenHttpClient()));
        var endpoint = new TokenEndpointClient(options, tokenRunner, Reader);
        Tokens = new TokenProvider(options, endpoint, tokenStore ?? new InMemoryTokenStore(), TimeProvider, Redactor, Logger);
        _authorizer = new BearerAuthorizer(Tokens, Logger);
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
        client.DefaultRequestHeaders.UserAgent.Clear();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    /// <summary>The runner of resource calls over the Refit client <paramref name="api"/> gives.</summary>
    public CallRunner CreateResourceRunner(Func<IFlowerPowerApi> api) =>
        new(_resourcePipeline, Reader, _translator, _authorizer, api);

    /// <summary>
    /// The runner of a health probe: one attempt within <paramref name="budget"/>, outside the retries and the circuit
    /// breaker that callers depend on (a probe neither waits out backoff nor trips the breaker for them).
    /// </summary>
    public CallRunner CreateProbeRunner(Func<IFlowerPowerApi> api, TimeSpan budget) =>
        new(FlowerPowerResiliencePipelines.CreateProbe(budget, TimeProvider), Reader, _translator, _authorizer, api);
}
