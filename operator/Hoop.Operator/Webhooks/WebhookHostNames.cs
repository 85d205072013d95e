using System.Net;

namespace Hoop.Operator.Webhooks;

/// <summary>The names the API server reaches the webhooks by, which the serving certificate must carry as SANs.</summary>
internal sealed record WebhookHostNames(IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> IpAddresses)
{
    /// <summary>
    /// The in-cluster Service names (<c>service.ns.svc</c>, and with <c>.cluster.local</c>), plus the host of
    /// <paramref name="urlBase"/> when the operator runs out of cluster and registers by URL.
    /// </summary>
    public static WebhookHostNames For(string service, string @namespace, Uri? urlBase = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(service);
        ArgumentException.ThrowIfNullOrEmpty(@namespace);
        var dns = new List<string> { $"{service}.{@namespace}.svc", $"{service}.{@namespace}.svc.cluster.local" };
        var ips = new List<IPAddress>();
        if (urlBase is not null)
        {
            if (IPAddress.TryParse(urlBase.IdnHost.Trim('[', ']'), out var ip))
            {
                ips.Add(ip);
            }
            else
            {
                dns.Add(urlBase.IdnHost);
            }
        }

        return new WebhookHostNames(dns, ips);
    }
}
