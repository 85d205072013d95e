using System.Net;

namespace Hoop.Operator.Hosting;

/// <summary>The <c>hoop-operator</c> command line, read and checked.</summary>
internal sealed record OperatorOptions
{
    /// <summary>Null: in cluster, the pod's ServiceAccount; out of cluster, KUBECONFIG or ~/.kube/config.</summary>
    public FileInfo? Kubeconfig { get; init; }

    /// <summary>Null: every namespace.</summary>
    public string? WatchNamespace { get; init; }

    public bool LeaderElect { get; init; }

    /// <summary>Null: no webhook server (a development setup; the API server then admits without our checks).</summary>
    public IPEndPoint? WebhookListen { get; init; }

    /// <summary>Out of cluster, the base URL the API server calls the webhooks at; null in cluster (a Service is used).</summary>
    public Uri? WebhookUrlBase { get; init; }

    public IPEndPoint? MetricsListen { get; init; }

    public IPEndPoint? HealthListen { get; init; }

    /// <summary>The image the operator runs gateways from.</summary>
    public string GatewayImage { get; init; } = DefaultGatewayImage;

    public static string DefaultGatewayImage { get; } =
        "ghcr.io/hoop-operator/gateway:" + typeof(OperatorOptions).Assembly.GetName().Version!.ToString(3);
}
