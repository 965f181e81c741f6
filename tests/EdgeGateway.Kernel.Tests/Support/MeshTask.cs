using System.Net;

namespace EdgeGateway.Kernel.Tests.Support;

/// <summary>A task ("container") of the test service as the cluster state lists it.</summary>
internal sealed record MeshTask(string Id, string Node, IPAddress Address, string State = "running", string Health = "none");
