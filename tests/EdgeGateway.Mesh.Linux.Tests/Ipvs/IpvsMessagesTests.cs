using System.Net;
using EdgeGateway.Mesh.Linux.Ipvs;
using EdgeGateway.Mesh.Linux.Tests.Netlink;

namespace EdgeGateway.Mesh.Linux.Tests.Ipvs;

// linux/ip_vs.h: IPVS_CMD_NEW_SERVICE = 1, DEL_SERVICE = 3, NEW_DEST = 5, SET_DEST = 6; IPVS_CMD_ATTR_SERVICE = 1,
// IPVS_CMD_ATTR_DEST = 2; IPVS_SVC_ATTR_AF = 1, PROTOCOL = 2, ADDR = 3 (union nf_inet_addr, 16 bytes), PORT = 4
// (be16), FWMARK = 5, SCHED_NAME = 6, FLAGS = 7 (struct ip_vs_flags), TIMEOUT = 8, NETMASK = 9;
// IPVS_DEST_ATTR_ADDR = 1, PORT = 2, FWD_METHOD = 3, WEIGHT = 4, U_THRESH = 5, L_THRESH = 6, ADDR_FAMILY = 11.
public class IpvsMessagesTests
{
    private const ushort Family = 0x22;
    private const string ServiceKey =
        "0600 0100 0200 0000 | 0600 0200 0600 0000 | 1400 0300 0ad53201 000000000000000000000000 | 0600 0400 0050 0000";

    private static readonly IpvsServiceKey Key = new(IPAddress.Parse("10.213.50.1"), IpvsConstants.ProtocolTcp, 80);

    [Fact]
    public void NewService_TcpAddressPort_FullEntryWithSchedulerFlagsTimeoutNetmask()
    {
        Hex.Equal(
            "68000000 2200 0000 01000000 00000000 | 01 01 0000 | 5400 0180 |" + ServiceKey +
            "| 0800 0600 77727200 | 0c00 0700 00000000 ffffffff | 0800 0800 00000000 | 0800 0900 ffffffff",
            IpvsMessages.NewService(Family, Key, "wrr").Complete(1));
    }

    [Fact]
    public void NewDestination_Masquerade_ServiceKeyThenFullDestination()
    {
        Hex.Equal(
            "8c000000 2200 0000 01000000 00000000 | 05 01 0000 | 3000 0180 |" + ServiceKey +
            "| 4800 0280 | 1400 0100 0ad53c02 000000000000000000000000 | 0600 0200 1f90 0000 | 0800 0300 00000000" +
            "| 0800 0400 03000000 | 0800 0500 00000000 | 0800 0600 00000000 | 0600 0b00 0200 0000",
            IpvsMessages.NewDestination(Family, Key, IPAddress.Parse("10.213.60.2"), 8080, 3).Complete(1));
    }

    [Fact]
    public void DeleteDestination_KeyOnly_NoWeightOrForwarding()
    {
        Hex.Equal(
            "6c000000 2200 0000 01000000 00000000 | 07 01 0000 | 3000 0180 |" + ServiceKey +
            "| 2800 0280 | 1400 0100 0ad53c02 000000000000000000000000 | 0600 0200 1f90 0000 | 0600 0b00 0200 0000",
            IpvsMessages.DeleteDestination(Family, Key, IPAddress.Parse("10.213.60.2"), 8080).Complete(1));
    }

    [Fact]
    public void DeleteService_FirewallMark_FamilyAndMarkOnly()
    {
        Hex.Equal(
            "28000000 2200 0000 01000000 00000000 | 03 01 0000 | 1400 0180 | 0600 0100 0200 0000 | 0800 0500 07000000",
            IpvsMessages.DeleteService(Family, IpvsServiceKey.ForMark(7)).Complete(1));
    }
}
