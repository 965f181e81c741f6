namespace EdgeGateway.Mesh.Linux.Ipvs;

/// <summary>Values from linux/ip_vs.h (generic netlink family "IPVS", version 1).</summary>
internal static class IpvsConstants
{
    public const string FamilyName = "IPVS";
    public const byte GenlVersion = 1;

    public const byte NewService = 1;
    public const byte SetService = 2;
    public const byte DeleteService = 3;
    public const byte GetService = 4;
    public const byte NewDestination = 5;
    public const byte SetDestination = 6;
    public const byte DeleteDestination = 7;
    public const byte GetDestination = 8;
    public const byte Flush = 17;

    public const ushort CommandService = 1;
    public const ushort CommandDestination = 2;

    public const ushort ServiceFamily = 1;
    public const ushort ServiceProtocol = 2;
    public const ushort ServiceAddress = 3;
    public const ushort ServicePort = 4;
    public const ushort ServiceFirewallMark = 5;
    public const ushort ServiceScheduler = 6;
    public const ushort ServiceFlags = 7;
    public const ushort ServiceTimeout = 8;
    public const ushort ServiceNetmask = 9;
    public const ushort ServiceStats = 10;

    public const ushort DestinationAddress = 1;
    public const ushort DestinationPort = 2;
    public const ushort DestinationForwarding = 3;
    public const ushort DestinationWeight = 4;
    public const ushort DestinationUpperThreshold = 5;
    public const ushort DestinationLowerThreshold = 6;
    public const ushort DestinationActiveConnections = 7;
    public const ushort DestinationInactiveConnections = 8;
    public const ushort DestinationFamily = 11;

    public const ushort StatsConnections = 1;

    /// <summary>IP_VS_CONN_F_MASQ: NAT toward the backend (replies must come back through the balancer).</summary>
    public const uint ForwardMasquerade = 0;

    public const ushort ProtocolTcp = 6;
    public const ushort ProtocolUdp = 17;
}
