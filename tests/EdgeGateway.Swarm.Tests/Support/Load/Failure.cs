namespace EdgeGateway.Swarm.Tests.Support.Load;

/// <summary>Why a request failed, as the load tables count it.</summary>
public enum FailureKind
{
    /// <summary>No connection: refused, unreachable.</summary>
    Connection,

    /// <summary>The connection was reset or closed before the whole response arrived.</summary>
    Reset,

    /// <summary>No (complete) answer within the request timeout.</summary>
    Timeout,

    /// <summary>An answer with a status other than 2xx.</summary>
    Status,

    /// <summary>Anything else (an invalid response, ...).</summary>
    Other,
}

/// <summary>One failed request: its kind, the status code for <see cref="FailureKind.Status"/>, and what was seen.</summary>
public sealed record Failure(FailureKind Kind, int? Status, string Detail)
{
    /// <summary>The table's column for this failure: "connection", "reset", "timeout", "other" or the status code.</summary>
    public string Column => Kind switch
    {
        FailureKind.Connection => "connection",
        FailureKind.Reset => "reset",
        FailureKind.Timeout => "timeout",
        FailureKind.Status => Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "status",
        _ => "other",
    };
}
