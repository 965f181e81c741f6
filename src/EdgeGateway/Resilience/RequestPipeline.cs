using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Resilience;

/// <summary>
/// The Polly pipeline around a proxied request: a retry that replays an attempt whose outcome asks for it, after a
/// short jittered backoff.
/// </summary>
internal sealed class RequestPipeline
{
    public RequestPipeline(IOptions<ResilienceOptions> options, TimeProvider time, ResilienceMetrics metrics, ILogger<RequestPipeline> logger)
    {
        var settings = options.Value;
        var builder = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = time };
        if (settings.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result.RetryRequested),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(ResilienceKeys.Request, null!);
                    metrics.Retried(request.RouteId, request.ClusterId);
                    ResilienceLog.Retrying(logger, request.RouteId, request.ClusterId, args.AttemptNumber + 1, args.Outcome.Result.Result);
                    return ValueTask.CompletedTask;
                },
            });
        }

        Pipeline = builder.Build();
    }

    public ResiliencePipeline<AttemptOutcome> Pipeline { get; }
}
