using System.Net;

namespace EdgeGateway.Agent.Docker;

/// <summary>Docker writes addresses with their prefix length ("10.0.1.5/24"); the mesh wants the address or the subnet.</summary>
internal static class DockerAddresses
{
    public static IPAddress WithoutPrefix(string? cidr, string what)
    {
        var text = cidr?.Split('/')[0];
        return IPAddress.TryParse(text, out var address)
            ? address
            : throw new DockerStateException($"{what}: '{cidr}' is not an address");
    }

    public static IPNetwork Subnet(string? cidr, string what) =>
        IPNetwork.TryParse(cidr, out var subnet) ? subnet : throw new DockerStateException($"{what}: '{cidr}' is not a subnet");
}
