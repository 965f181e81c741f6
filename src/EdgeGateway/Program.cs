using EdgeGateway;

try
{
    var builder = WebApplication.CreateBuilder(args).AddEdgeGateway(args);
    await builder.Build().UseEdgeGateway().RunAsync();
    return 0;
}
catch (GatewayStartupException e)
{
    await Console.Error.WriteLineAsync($"edge-gateway: cannot start:{Environment.NewLine}{e.Message}");
    return 2;
}
