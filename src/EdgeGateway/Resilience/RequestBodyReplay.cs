using Microsoft.AspNetCore.Http.Features;

namespace EdgeGateway.Resilience;

/// <summary>
/// Keeps a small request body in memory so each attempt can send it again. Bodies over the cap, and bodies of unknown
/// length, are left streaming and make the request non-retryable.
/// </summary>
internal sealed class RequestBodyReplay
{
    private static readonly RequestBodyReplay NoBody = new([]);

    private readonly byte[] _body;

    private RequestBodyReplay(byte[] body) => _body = body;

    public static async ValueTask<RequestBodyReplay?> TryCaptureAsync(HttpRequest request, int maxBytes)
    {
        var length = request.ContentLength;
        if (length is null)
        {
            // No length but a body (HTTP/1.1 chunked, HTTP/2 and HTTP/3 streams): its size is unknown until read.
            var canHaveBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
            return canHaveBody ? null : NoBody;
        }

        if (length > maxBytes)
        {
            return null;
        }

        var body = new byte[length.Value];
        await request.Body.ReadExactlyAsync(body, request.HttpContext.RequestAborted).ConfigureAwait(false);
        var replay = new RequestBodyReplay(body);
        replay.Rewind(request);
        return replay;
    }

    /// <summary>Gives the next attempt a fresh read of the captured body.</summary>
    public void Rewind(HttpRequest request)
    {
        if (_body.Length > 0)
        {
            request.Body = new MemoryStream(_body, writable: false);
        }
    }
}
