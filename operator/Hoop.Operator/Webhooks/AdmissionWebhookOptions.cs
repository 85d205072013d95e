using System.Net;

namespace Hoop.Operator.Webhooks;

/// <summary>Where the webhooks listen and how the API server reaches them.</summary>
internal sealed record AdmissionWebhookOptions
{
    /// <summary>The operator's namespace: the TLS Secret lives here, and so does its Service in cluster.</summary>
    public required string Namespace { get; init; }

    /// <summary><c>--webhook-listen</c>; port 0 picks a free one.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Any, 9443);

    /// <summary>
    /// <c>--webhook-url-base</c>: out of cluster, register by URL instead of through the Service. Port 0 stands for
    /// the port the server bound (with <see cref="Listen"/> on port 0).
    /// </summary>
    public Uri? UrlBase { get; init; }

    /// <summary>The Service in front of the operator's pods, in cluster.</summary>
    public string ServiceName { get; init; } = "hoop-operator-webhook";

    public int ServicePort { get; init; } = 443;

    /// <summary>The operator's own identity; asked of the API server (SelfSubjectReview) when null.</summary>
    public OperatorIdentity? Identity { get; init; }
}
