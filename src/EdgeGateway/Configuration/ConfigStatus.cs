namespace EdgeGateway.Configuration;

/// <summary>What /status and /readyz report about the routes file: when it last loaded and the last error.</summary>
internal sealed class ConfigStatus
{
    private volatile State _state = new(false, null, null, []);

    public bool Loaded => _state.Loaded;

    public DateTimeOffset? LastSuccess => _state.LastSuccess;

    public DateTimeOffset? LastFailure => _state.LastFailure;

    /// <summary>The errors of the last rejected load, empty when the last load succeeded.</summary>
    public IReadOnlyList<string> LastErrors => _state.LastErrors;

    public void Succeeded(DateTimeOffset at) => _state = new State(true, at, _state.LastFailure, []);

    public void Failed(DateTimeOffset at, IReadOnlyList<ConfigError> errors) =>
        _state = _state with { LastFailure = at, LastErrors = errors.Select(e => e.ToString()).ToList() };

    private sealed record State(bool Loaded, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, IReadOnlyList<string> LastErrors);
}
