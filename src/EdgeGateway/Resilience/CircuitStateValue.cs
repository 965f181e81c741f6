using Polly.CircuitBreaker;

namespace EdgeGateway.Resilience;

/// <summary>Numeric circuit states for the <c>edge_destination_circuit_state</c> gauge.</summary>
internal static class CircuitStateValue
{
    public const double Closed = 0;
    public const double HalfOpen = 1;
    public const double Open = 2;

    public static double Of(CircuitState state) => state switch
    {
        CircuitState.Closed => Closed,
        CircuitState.HalfOpen => HalfOpen,
        _ => Open,
    };
}
