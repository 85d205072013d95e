namespace Hoop.Operator.Hosting;

/// <summary>
/// What the probes report. Live while no loop has died; ready once the webhooks serve and, on the leader, the caches have
/// synced. A standby replica is ready: it serves webhooks, and Kubernetes must keep sending it admission requests.
/// </summary>
internal sealed class OperatorHealth
{
    private volatile string? _fatal;
    private volatile string? _notReady = "starting";

    public (bool Ok, string Why) Live() => _fatal is { } fatal ? (false, fatal) : (true, "");

    public (bool Ok, string Why) Ready() => _fatal is { } fatal ? (false, fatal) : _notReady is { } why ? (false, why) : (true, "");

    /// <summary>A loop the operator cannot work without has stopped; the kubelet should restart the process.</summary>
    public void Fail(string why) => _fatal = why;

    public void NotReady(string why) => _notReady = why;

    public void MarkReady() => _notReady = null;
}
