using System.Globalization;

namespace EdgeGateway.Whoami;

/// <summary><c>/stream?count=N&amp;interval=MS</c>: a slow chunked response, one flushed line per interval.</summary>
internal static class StreamEndpoint
{
    public static async Task Handle(HttpContext context, int count = 10, int interval = 100)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        for (var i = 1; i <= count; i++)
        {
            await context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"chunk {i}/{count}\n"), context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            if (i < count)
            {
                await Task.Delay(interval, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
