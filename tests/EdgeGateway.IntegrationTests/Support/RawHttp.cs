using System.Net.Sockets;
using System.Text;

namespace EdgeGateway.IntegrationTests.Support;

/// <summary>Bytes on a TCP connection, for requests no well-behaved HTTP client would send.</summary>
public static class RawHttp
{
    /// <summary>Sends <paramref name="request"/> and returns what the server answered until it closed (or 10 s passed).</summary>
    public static async Task<string> SendAsync(Uri server, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, TestContext.Current.CancellationToken);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), TestContext.Current.CancellationToken);
        }
        catch (IOException)
        {
            // The server may answer and close before it read everything we sent; its answer is what counts.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var answer = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Reset after the answer, or kept open: what arrived is the answer.
        }

        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
