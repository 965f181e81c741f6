namespace EdgeGateway.Whoami;

/// <summary>
/// Names the instance in an <c>X-Whoami-Name</c> response header on every answer, including WebSocket upgrades and
/// streams whose bodies do not say who sent them: its --name, or else its hostname (in a container, the short
/// container id), so a client can tell which task holds a long-lived connection.
/// </summary>
internal static class InstanceNameHeader
{
    public const string Name = "X-Whoami-Name";

    public static IApplicationBuilder UseInstanceName(this IApplicationBuilder app, string name)
    {
        var value = name.Length == 0 ? Environment.MachineName : name;
        return app.Use((context, next) =>
        {
            context.Response.Headers[Name] = value;
            return next(context);
        });
    }
}
