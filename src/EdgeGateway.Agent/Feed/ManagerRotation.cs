using System.Collections.Immutable;

namespace EdgeGateway.Agent.Feed;

/// <summary>
/// Which manager's agent a worker reads from: it stays with the one that answers, moves to the next on a failure, and
/// says when every manager failed in a row (the caller then backs off and looks the managers up again).
/// </summary>
internal sealed class ManagerRotation
{
    private ImmutableArray<Uri> _managers = [];
    private int _index;
    private int _failuresInRow;

    public Uri? Current => _managers.IsEmpty ? null : _managers[_index];

    public ImmutableArray<Uri> Managers => _managers;

    /// <summary>True once each known manager failed since the last success (or none is known).</summary>
    public bool AllFailed => _managers.IsEmpty || _failuresInRow >= _managers.Length;

    /// <summary>Takes a fresh manager list; the current manager stays current when it is still listed.</summary>
    public void Update(ImmutableArray<Uri> managers)
    {
        var current = Current;
        _managers = managers;
        _index = current is null ? 0 : Math.Max(0, managers.IndexOf(current));
        _failuresInRow = 0;
    }

    public void Succeeded() => _failuresInRow = 0;

    public void Failed()
    {
        _failuresInRow++;
        if (!_managers.IsEmpty)
        {
            _index = (_index + 1) % _managers.Length;
        }
    }
}
