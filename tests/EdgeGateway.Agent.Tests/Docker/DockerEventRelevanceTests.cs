using Docker.DotNet.Models;
using EdgeGateway.Agent.Docker;

namespace EdgeGateway.Agent.Tests.Docker;

public class DockerEventRelevanceTests
{
    [Theory]
    [InlineData("container", "start")]
    [InlineData("container", "kill")]
    [InlineData("container", "die")]
    [InlineData("container", "destroy")]
    [InlineData("network", "connect")]
    [InlineData("network", "create")]
    [InlineData("service", "update")]
    [InlineData("node", "update")]
    public void Matters_StateChangingEvent_True(string type, string action)
    {
        Assert.True(DockerEventRelevance.Matters(new Message { Type = type, Action = action }));
    }

    [Theory]
    [InlineData("exec_create: /usr/local/bin/busybox wget -q -O /dev/null http://127.0.0.1:8081/readyz")]
    [InlineData("exec_start: /usr/local/bin/busybox wget -q -O /dev/null http://127.0.0.1:8081/readyz")]
    [InlineData("exec_die")]
    [InlineData("health_status: healthy")]
    [InlineData("attach")]
    public void Matters_HealthCheckOrExecEventOfAContainer_False(string action)
    {
        Assert.False(DockerEventRelevance.Matters(new Message { Type = "container", Action = action }));
    }
}
