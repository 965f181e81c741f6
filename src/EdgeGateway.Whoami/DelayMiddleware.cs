using System.Globalization;

namespace EdgeGateway.Whoami;

/// <summary>Holds every response for --delay milliseconds, or for <c>?delay=MS</c> when the request asks.</summary>
internal static class DelayMiddleware
{
    public static IApplicationBuilder UseResponseDelay(this IApplicationBuilder app, int defaultDelay) =>
        app.Use(async (context, next) =>
        {
            var delay = int.TryParse(context.Request.Query["delay"], NumberStyles.None, CultureInfo.InvariantCulture, out var asked)
                ? asked
                : defaultDelay;
            if (delay > 0)
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(false);
            }

            await next(context).ConfigureAwait(false);
        });
}
