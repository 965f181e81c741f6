namespace EdgeGateway.Mesh.Linux;
internal static class AssemblyMarker;
