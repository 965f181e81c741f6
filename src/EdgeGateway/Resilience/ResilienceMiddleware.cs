using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
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
    ILogger<ResilienceMiddleware> logger)
{
    private readonly ResilienceOptions _options = options.Value;

    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var request = await PrepareAsync(context, proxy).ConfigureAwait(false);
        var clientAborted = context.RequestAborted;
        var resilienceContext = ResilienceContextPool.Shared.Get(clientAborted);
        resilienceContext.Properties.Set(ResilienceKeys.Request, request);
        resilienceContext.Properties.Set(ResilienceKeys.RouteTimeout, RouteTimeout.Of(proxy.Route.Config));
        context.Features.Set(request);
        try
        {
            var outcome = await pipeline.Pipeline.ExecuteOutcomeAsync(
                static (attemptContext, state) => state.Self.AttemptAsync(attemptContext, state.Request),
                resilienceContext,
                (Self: this, Request: request)).ConfigureAwait(false);
            if (outcome.Exception is TimeoutRejectedException)
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
            ResilienceContextPool.Shared.Return(resilienceContext);
        }
    }

    private async ValueTask<ResilientRequest> PrepareAsync(HttpContext context, IReverseProxyFeature proxy)
    {
        var retryable = _options.MaxRetries > 0 && RetryRules.IsIdempotent(context.Request.Method);
        var body = retryable
            ? await RequestBodyReplay.TryCaptureAsync(context.Request, _options.MaxBufferedBodyBytes).ConfigureAwait(false)
            : null;
        return new ResilientRequest(context, proxy, body, retryEligible: body is not null);
    }

    private async ValueTask<Outcome<AttemptOutcome>> AttemptAsync(ResilienceContext attemptContext, ResilientRequest request)
    {
        var context = request.Context;
        var choice = await selector.SelectAsync(request).ConfigureAwait(false);
        var canRetry = request.RetryEligible && request.Attempts < _options.MaxRetries && choice.HasAlternative;
        request.BeginAttempt(canRetry);
        context.RequestAborted = attemptContext.CancellationToken;
        var result = AttemptResult.Inconclusive;
        try
        {
            await next(context).ConfigureAwait(false);
            result = Classify(request);
        }
        finally
        {
            request.EndAttempt();
            await SettleBreakerAsync(request, choice.Trial, result).ConfigureAwait(false);
        }

        if (attemptContext.CancellationToken.IsCancellationRequested)
        {
            // Lets the timeout strategy tell its own cancellation from the client's.
            return Outcome.FromException<AttemptOutcome>(new OperationCanceledException(attemptContext.CancellationToken));
        }

        var retry = result == AttemptResult.DestinationFailed && canRetry && !context.Response.HasStarted
            && (request.RetryableStatusHeldBack || IsRetryableTransportError(context));
        if (result == AttemptResult.DestinationFailed && request.RetryEligible && !retry)
        {
            metrics.RetryExhausted(request.RouteId, request.ClusterId);
            ResilienceLog.RetryExhausted(logger, request.RouteId, request.ClusterId, request.Attempts);
        }

        return Outcome.FromResult(new AttemptOutcome(result, retry));
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

    private static bool IsRetryableTransportError(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>() is { } error && RetryRules.IsRetryableTransportError(error.Error);

    private async ValueTask SettleBreakerAsync(ResilientRequest request, CircuitTrial? trial, AttemptResult result)
    {
        if (trial is not null)
        {
            // Only a clear answer closes a half-open circuit.
            trial.Complete(failed: result != AttemptResult.Answered);
        }
        else if (breakers.Enabled && result != AttemptResult.Inconclusive && request.Proxy.ProxiedDestination is { } destination)
        {
            await breakers.For(request.ClusterId, destination.DestinationId)
                .ReportAsync(failed: result == AttemptResult.DestinationFailed).ConfigureAwait(false);
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
