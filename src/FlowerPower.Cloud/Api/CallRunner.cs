using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text.Json.Serialization.Metadata;
using FlowerPower.Cloud.Authentication;
using FlowerPower.Cloud.Errors;
using FlowerPower.Cloud.Resilience;
using Polly;

namespace FlowerPower.Cloud.Api;

/// <summary>
/// Runs one operation: its attempts through the resilience pipeline, where an attempt is the request (with its
/// bearer token and, after a 401, one replay) and the reading of its answer into the model; then hands whatever
/// failed last, with the number of requests sent, to the <see cref="FailureTranslator"/>.
/// </summary>
internal sealed class CallRunner
{
    private readonly ResiliencePipeline _pipeline;
    private readonly ResponseReader _reader;
    private readonly FailureTranslator _translator;
    private readonly BearerAuthorizer? _authorizer;
    private readonly Func<IFlowerPowerApi> _api;

    /// <param name="pipeline">The attempts' resilience pipeline.</param>
    /// <param name="reader">Reads each answer.</param>
    /// <param name="translator">Turns the last failure into the caller's exception.</param>
    /// <param name="authorizer">Puts the bearer token on each request; null for the token endpoint, which never carries one.</param>
    /// <param name="api">The Refit client to send with.</param>
    public CallRunner(
        ResiliencePipeline pipeline, ResponseReader reader, FailureTranslator translator, BearerAuthorizer? authorizer, Func<IFlowerPowerApi> api)
    {
        _pipeline = pipeline;
        _reader = reader;
        _translator = translator;
        _authorizer = authorizer;
        _api = api;
    }

    /// <summary>Runs the operation until it yields a model or its retry budget is spent.</summary>
    /// <param name="operation">The operation's name, for example "GetGardenStatus".</param>
    /// <param name="send">Sends one request with the bearer token it is given (null for the token endpoint).</param>
    /// <param name="typeInfo">The model's JSON contract.</param>
    /// <param name="check">Judges a model that was read; throws <see cref="AnswerFailure"/> for one that cannot be used.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    /// <exception cref="FlowerPowerException">The call failed.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled.</exception>
    public async Task<T> RunAsync<T>(
        string operation,
        Func<IFlowerPowerApi, string?, CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<T> typeInfo,
        Action<T>? check,
        CancellationToken cancellationToken)
        where T : FlowerPowerModel
    {
        var call = new Call<T>(this, operation, send, typeInfo, check);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(FlowerPowerResiliencePipelines.OperationKey, operation);
        try
        {
            // Outcomes of object: the pipeline's strategies are built for object, so this reaches them without
            // Polly's bridge to a typed result and its state machines on every call.
            var outcome = await _pipeline.ExecuteOutcomeAsync(
                static (context, call) => call.Runner.AttemptAsync(call, context.CancellationToken),
                context,
                call).ConfigureAwait(false);
            outcome.ThrowIfException();
            return (T)outcome.Result!;
        }
        catch (Exception exception)
        {
            throw _translator.Translate(operation, call.Attempts, exception, cancellationToken);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // The per-call async steps pool their state machines: a small call allocates little besides its request.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<Outcome<object>> AttemptAsync<T>(Call<T> call, CancellationToken cancellationToken)
        where T : FlowerPowerModel
    {
        try
        {
            var api = _api();
            var response = _authorizer is null
                ? await SendAsync(call, api, null, cancellationToken).ConfigureAwait(false)
                : await _authorizer.SendAsync(
                    call.Operation, static (state, token, ct) => SendAsync(state.Call, state.Api, token, ct), (Call: call, Api: api), cancellationToken).ConfigureAwait(false);
            var model = await _reader.ReadAsync(response, call.TypeInfo, isTokenAnswer: _authorizer is null, cancellationToken).ConfigureAwait(false);
            call.Check?.Invoke(model);
            return Outcome.FromResult<object>(model);
        }
        catch (Exception exception)
        {
            // The pipeline judges an attempt by its outcome; a thrown exception is one too.
            return Outcome.FromException<object>(exception);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<HttpResponseMessage> SendAsync<T>(Call<T> call, IFlowerPowerApi api, string? token, CancellationToken cancellationToken)
        where T : FlowerPowerModel
    {
        call.CountAttempt();
        try
        {
            return await call.Send(api, token, cancellationToken).ConfigureAwait(false);
        }
        catch (Refit.ApiExceptionBase exception) when (exception.InnerException is { } inner)
        {
            // Refit wraps what the HTTP stack threw; the retry rules and the translator judge the cause itself.
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private sealed class Call<T>(
        CallRunner runner,
        string operation,
        Func<IFlowerPowerApi, string?, CancellationToken, Task<HttpResponseMessage>> send,
        JsonTypeInfo<T> typeInfo,
        Action<T>? check)
        where T : FlowerPowerModel
    {
        private int _attempts;

        public CallRunner Runner { get; } = runner;

        public string Operation { get; } = operation;

        public Func<IFlowerPowerApi, string?, CancellationToken, Task<HttpResponseMessage>> Send { get; } = send;

        public JsonTypeInfo<T> TypeInfo { get; } = typeInfo;

        public Action<T>? Check { get; } = check;

        /// <summary>Requests sent so far, replays included.</summary>
        public int Attempts => Volatile.Read(ref _attempts);

        public void CountAttempt() => Interlocked.Increment(ref _attempts);
    }
}
