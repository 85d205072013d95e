using System.Net;

namespace Hoop.Gateway.Hosting;

/// <summary>What <c>hoop-gateway</c> was started with (DESIGN.md's contract), resolved.</summary>
internal sealed record GatewayOptions
{
    public FileInfo? Kubeconfig { get; init; }

    /// <summary>The namespace of the Connection the gateway fronts.</summary>
    public required string Namespace { get; init; }

    /// <summary>The name of the Connection the gateway fronts.</summary>
    public required string Connection { get; init; }

    /// <summary>Where clients connect; null: every address, on the port the operator gives gateways for the protocol.</summary>
    public IPEndPoint? Listen { get; init; }

    /// <summary>The directory the session replay logs go to.</summary>
    public required DirectoryInfo Recordings { get; init; }

    /// <summary>Where <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> answer; none when null.</summary>
    public IPEndPoint? AdminListen { get; init; }

    /// <summary>This replica's name: its pod's in a cluster, else the host's. Names its liveness Lease and the executions it runs.</summary>
    public required string Replica { get; init; }

    /// <summary>How long open sessions may finish after SIGTERM before they are closed.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(25);

    public string ConnectionKey => $"{Namespace}/{Connection}";
}
