using Docker.DotNet;

namespace EdgeGateway.Agent.Docker;

/// <summary>Connects to the Docker Engine API; the agent only reads from it.</summary>
internal static class DockerEngine
{
    public static readonly Uri DefaultEndpoint = new("unix:///var/run/docker.sock");

    public static IDockerClient Connect(Uri endpoint) => new DockerClientBuilder().WithEndpoint(endpoint).Build();
}
