namespace EdgeGateway.Mesh.Linux.Rtnetlink;

/// <summary>Values from linux/rtnetlink.h, if_link.h, if_addr.h, neighbour.h and veth.h.</summary>
internal static class RtnetlinkConstants
{
    public const ushort NewLink = 16;
    public const ushort DeleteLink = 17;
    public const ushort GetLink = 18;
    public const ushort NewAddress = 20;
    public const ushort DeleteAddress = 21;
    public const ushort GetAddress = 22;
    public const ushort NewRoute = 24;
    public const ushort DeleteRoute = 25;
    public const ushort GetRoute = 26;
    public const ushort NewNeighbour = 28;
    public const ushort DeleteNeighbour = 29;
    public const ushort GetNeighbour = 30;

    public const byte FamilyUnspecified = 0;
    public const byte FamilyInet = 2;
    public const byte FamilyBridge = 7;

    public const uint InterfaceUp = 0x1;

    public const ushort LinkName = 3;
    public const ushort LinkMtu = 4;
    public const ushort LinkMaster = 10;
    public const ushort LinkInfoNest = 18;
    public const ushort LinkNetNamespaceFd = 28;

    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;

    public const ushort VethPeer = 1;

    public const ushort VxlanId = 1;
    public const ushort VxlanLink = 3;
    public const ushort VxlanLocal = 4;
    public const ushort VxlanLearning = 7;
    public const ushort VxlanPort = 15;

    public const ushort AddressAddress = 1;
    public const ushort AddressLocal = 2;

    public const byte RouteTableMain = 254;
    public const byte RouteProtocolStatic = 4;
    public const byte RouteScopeUniverse = 0;
    public const byte RouteScopeLink = 253;
    public const byte RouteTypeUnicast = 1;
    public const ushort RouteDestination = 1;
    public const ushort RouteOutputInterface = 4;
    public const ushort RouteGateway = 5;
    public const ushort RouteTable = 15;

    public const ushort NeighbourDestination = 1;
    public const ushort NeighbourLinkAddress = 2;
    public const ushort NeighbourStatePermanent = 0x80;
    public const byte NeighbourFlagSelf = 0x02;

    public const int ErrnoNoDevice = 19;
}
