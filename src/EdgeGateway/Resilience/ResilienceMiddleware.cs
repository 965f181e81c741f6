using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Polly;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace EdgeGateway.Resilience;

/// <summary>
/// First step of the proxy pipeline: runs the rest of it (affinity, load balancing, passive health, forwarding) once
/// per attempt through <see cref="RequestPipeline"/>, narrowing the destinations before each attempt.
/// </summary>
internal sealed class ResilienceMiddleware(
    RequestDelegate next,
    RequestPipeline pipeline,
    DestinationSelector selector,
    DestinationBreakers breakers,
    ResilienceMetrics metrics,
    IOptions<ResilienceOptions> options,
    TimeProvider time,
    ILogger<ResilienceMiddleware> logger)
{
    private readonly ResilienceOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var clientAborted = context.RequestAborted;
        using var deadline = new RouteDeadline(RouteTimeout.Of(proxy.Route.Config), time, clientAborted);
        var request = await PrepareAsync(context, proxy, deadline).ConfigureAwait(false);
        context.Features.Set(request);
        try
        {
            var first = await selector.SelectAsync(request).ConfigureAwait(false);
            var outcome = await RunFirstAttemptAsync(request, first, deadline.Token).ConfigureAwait(false);
            if (outcome.Exception is null && outcome.Result.RetryRequested)
            {
                outcome = await RunRetriesAsync(request, outcome.Result, deadline.Token).ConfigureAwait(false);
            }

            if (outcome.Exception is OperationCanceledException && deadline.Expired)
            {
                TimedOut(request);
            }
            else if (outcome.Exception is not OperationCanceledException || !clientAborted.IsCancellationRequested)
            {
                outcome.ThrowIfException();
            }
        }
        finally
        {
            context.RequestAborted = clientAborted;
            context.Features.Set<ResilientRequest>(null);
        }
    }

    /// <summary>
    /// The first attempt runs without the Polly pipeline: most requests need no other, and this way they cost no
    /// pipeline execution, whatever their method.
    /// </summary>
    private async ValueTask<Outcome<AttemptOutcome>> RunFirstAttemptAsync(ResilientRequest request, DestinationChoice choice, CancellationToken token)
    {
        try
        {
            return await AttemptAsync(request, choice, token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Same shape as the pipeline's outcome, so both paths end alike.
            return Outcome.FromException<AttemptOutcome>(e);
        }
    }

    /// <summary>
    /// The first attempt asked for a retry: the pipeline takes over, starting from that outcome, so the retries get the
    /// strategy's budget, backoff, metrics and logs exactly as if it had run the first attempt itself.
    /// </summary>
    private async ValueTask<Outcome<AttemptOutcome>> RunRetriesAsync(ResilientRequest request, AttemptOutcome first, CancellationToken token)
    {
        var resilienceContext = ResilienceContextPool.Shared.Get(token);
        resilienceContext.Properties.Set(ResilienceKeys.Request, request);
        try
        {
            return await pipeline.Pipeline.ExecuteOutcomeAsync(
                static (attemptContext, state) => state.Self.RetriableAttemptAsync(state.Request, state.Replay, attemptContext.CancellationToken),
                resilienceContext,
                (Self: this, Request: request, Replay: new StrongBox<AttemptOutcome?>(first))).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    /// <summary>One pass of the pipeline: the first hands back the outcome of the attempt already made, each later one chooses and attempts again.</summary>
    private ValueTask<Outcome<AttemptOutcome>> RetriableAttemptAsync(ResilientRequest request, StrongBox<AttemptOutcome?> replay, CancellationToken token)
    {
        if (replay.Value is { } first)
        {
            replay.Value = null;
            return ValueTask.FromResult(Outcome.FromResult(first));
        }

        return RetryAttemptAsync(request, token);
    }

    private async ValueTask<Outcome<AttemptOutcome>> RetryAttemptAsync(ResilientRequest request, CancellationToken token)
    {
        var choice = await selector.SelectAsync(request).ConfigureAwait(false);
        return await AttemptAsync(request, choice, token).ConfigureAwait(false);
    }

    /// <summary>Another attempt fits the budget and has somewhere to go; which failures it may follow is decided per attempt.</summary>
    private bool HasRetryLeft(ResilientRequest request, DestinationChoice choice) =>
        request.Attempts < _options.MaxRetries && choice.HasAlternative;

    /// <summary>Any destination failure may be replayed: idempotent method, replayable body, a retry left.</summary>
    private bool CanRetry(ResilientRequest request, DestinationChoice choice) =>
        request.RetryEligible && HasRetryLeft(request, choice);

    private async ValueTask<ResilientRequest> PrepareAsync(HttpContext context, IReverseProxyFeature proxy, RouteDeadline deadline)
    {
        var retryable = _options.MaxRetries > 0 && RetryRules.IsIdempotent(context.Request.Method);
        var body = retryable
            ? await RequestBodyReplay.TryCaptureAsync(context.Request, _options.MaxBufferedBodyBytes).ConfigureAwait(false)
            : null;
        return new ResilientRequest(context, proxy, body, retryEligible: body is not null, deadline);
    }

    private async ValueTask<Outcome<AttemptOutcome>> AttemptAsync(ResilientRequest request, DestinationChoice choice, CancellationToken token)
    {
        var context = request.Context;
        var canRetry = CanRetry(request, choice);
        var canRetryConnectFailure = HasRetryLeft(request, choice);
        request.BeginAttempt(canRetry);
        context.RequestAborted = token;
        var result = AttemptResult.Inconclusive;
        try
        {
            await next(context).ConfigureAwait(false);
            result = Classify(request);
        }
        finally
        {
            request.EndAttempt();
            SettleBreaker(request, choice.Trial, result);
        }

        if (token.IsCancellationRequested)
        {
            // The client went away or the route's deadline passed: no further attempt.
            return Outcome.FromException<AttemptOutcome>(new OperationCanceledException(token));
        }

        var retry = result == AttemptResult.DestinationFailed && ShouldRetry(request, canRetry, canRetryConnectFailure);
        return Outcome.FromResult(new AttemptOutcome(result, retry));
    }

    /// <summary>Decides about an attempt whose destination failed; counts the request as exhausted when it cannot go on.</summary>
    private bool ShouldRetry(ResilientRequest request, bool canRetry, bool canRetryConnectFailure)
    {
        var context = request.Context;
        var error = context.Features.Get<IForwarderErrorFeature>();

        // A connection that could not be established carried nothing of the request: any method may go elsewhere.
        var connectFailure = RetryRules.IsConnectFailure(error);
        var retry = !context.Response.HasStarted
            && ((canRetry && (request.RetryableStatusHeldBack || (error is not null && RetryRules.IsRetryableTransportError(error.Error))))
                || (canRetryConnectFailure && connectFailure));
        if (!retry && (request.RetryEligible || connectFailure))
        {
            metrics.RetryExhausted(request.RouteId, request.ClusterId);
            ResilienceLog.RetryExhausted(logger, request.RouteId, request.ClusterId, request.Attempts);
        }

        return retry;
    }

    private static AttemptResult Classify(ResilientRequest request)
    {
        if (request.Proxy.ProxiedDestination is null)
        {
            return AttemptResult.Inconclusive;
        }

        if (request.Context.Features.Get<IForwarderErrorFeature>() is { } error)
        {
            return RetryRules.IsDestinationError(error.Error) ? AttemptResult.DestinationFailed : AttemptResult.Inconclusive;
        }

        return RetryRules.IsGatewayFailureStatus(request.Context.Response.StatusCode)
            ? AttemptResult.DestinationFailed
            : AttemptResult.Answered;
    }

    private void SettleBreaker(ResilientRequest request, CircuitTrial? trial, AttemptResult result)
    {
        if (trial is not null)
        {
            // Only a clear answer closes a half-open circuit.
            trial.Complete(failed: result != AttemptResult.Answered);
        }
        else if (breakers.Enabled && !request.BehindVip && result != AttemptResult.Inconclusive && request.Proxy.ProxiedDestination is { } destination)
        {
            breakers.For(request.ClusterId, destination.DestinationId).Report(failed: result == AttemptResult.DestinationFailed);
        }
    }

    private void TimedOut(ResilientRequest request)
    {
        metrics.TimedOut(request.RouteId, request.ClusterId);
        ResilienceLog.RouteTimedOut(logger, request.RouteId, request.ClusterId);
        var context = request.Context;
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.Clear();
        context.Features.Set<IForwarderErrorFeature>(null);
        context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
    }
}
