using System.Net;
using EdgeGateway.Mesh.Linux.Ipvs;
using EdgeGateway.Mesh.Linux.Netlink;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Ipvs;

// Replies shaped as the kernel sends them for IPVS_CMD_GET_SERVICE / IPVS_CMD_GET_DEST dumps (linux/ip_vs.h);
// IPVS_SVC_ATTR_STATS = 10 nests IPVS_STATS_ATTR_CONNS = 1; IPVS_DEST_ATTR_ACTIVE_CONNS = 7, INACT_CONNS = 8.
public class IpvsClientTests
{
    private const string ServiceKey =
        "0600 0100 0200 0000 | 0600 0200 0600 0000 | 1400 0300 0ad53201 000000000000000000000000 | 0600 0400 0050 0000";

    private static readonly IpvsServiceKey Key = new(IPAddress.Parse("10.213.50.1"), IpvsConstants.ProtocolTcp, 80);

    [Fact]
    public void ParseService_KernelReply_ReadsKeySchedulerAndConnections()
    {
        var reply = NetlinkMessage.Parse(Hex.Bytes(
            "60000000 2200 0200 01000000 00000000 | 04 01 0000 | 4c00 0180 |" + ServiceKey +
            "| 0700 0600 6d6800 00 | 1400 0a80 | 0800 0100 05000000 | 0800 0200 09000000"))[0];

        var service = IpvsClient.ParseService(reply);

        Assert.Equal(Key, service.Key);
        Assert.Equal("mh", service.Scheduler);
        Assert.Equal(5, service.Connections);
    }

    [Fact]
    public void ParseDestination_KernelReply_ReadsAddressPortWeightAndCounters()
    {
        var reply = NetlinkMessage.Parse(Hex.Bytes(
            "4c000000 2200 0200 01000000 00000000 | 08 01 0000 | 3800 0280" +
            "| 1400 0100 0ad53c02 000000000000000000000000 | 0600 0200 1f90 0000 | 0800 0400 00000000" +
            "| 0800 0700 02000000 | 0800 0800 01000000 | 0600 0b00 0200 0000"))[0];

        var destination = IpvsClient.ParseDestination(reply);

        Assert.Equal(new IpvsDestination(IPAddress.Parse("10.213.60.2"), 8080, 0, 2, 1), destination);
    }
}
