namespace EdgeGateway.Resilience;

/// <summary>
/// Keeps a small request body in memory so each attempt can send it again. Bodies over the cap, and bodies of unknown
/// length (chunked), are left streaming and make the request non-retryable.
/// </summary>
internal sealed class RequestBodyReplay
{
    private readonly byte[] _body;

    private RequestBodyReplay(byte[] body) => _body = body;

    public static async ValueTask<RequestBodyReplay?> TryCaptureAsync(HttpRequest request, int maxBytes)
    {
        var length = request.ContentLength;
        var chunked = request.Headers.TransferEncoding.Count > 0;
        if (length is null)
        {
            return chunked ? null : new RequestBodyReplay([]);
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
