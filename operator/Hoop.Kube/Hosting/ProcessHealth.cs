namespace Hoop.Kube.Hosting;

/// <summary>
/// What a process's probes report: live while no loop it cannot work without has died; ready once the process says so
/// (the operator: webhooks serving and, on the leader, caches synced; a gateway: its Connection, credential and policies
/// loaded and its listener bound).
/// </summary>
internal sealed class ProcessHealth
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
