using EdgeGateway.Hosting;

namespace EdgeGateway.Tests.Hosting;

public class ListenersTests
{
    [Fact]
    public void Validate_SupportedUrls_NoErrors()
    {
        var options = new GatewayOptions { PublicUrls = ["http://0.0.0.0:8080", "http://[::]:8080", "http://*:80"], AdminUrls = ["http://localhost:8081", "http://127.0.0.1:0"] };

        Assert.Empty(Listeners.Validate(options));
    }

    [Fact]
    public void Validate_BadUrls_EachNamed()
    {
        var options = new GatewayOptions { PublicUrls = ["https://0.0.0.0:443"], AdminUrls = ["http://admin.example:8081"] };

        Assert.Equal(
            [
                "--urls: bad URL 'https://0.0.0.0:443': only http:// listeners are supported",
                "--admin-urls: bad URL 'http://admin.example:8081': the host must be an IP address, localhost, * or +",
            ],
            Listeners.Validate(options));
    }
}
