using k8s.Models;

namespace Hoop.Operator.Webhooks;

/// <summary>
/// How the API server reaches the webhooks: by URL when the operator runs out of cluster (<c>--webhook-url-base</c>),
/// otherwise through the operator's Service.
/// </summary>
internal sealed record WebhookTarget(Uri? UrlBase, string? ServiceNamespace, string? ServiceName, int ServicePort)
{
    public static WebhookTarget ForUrl(Uri urlBase)
    {
        ArgumentNullException.ThrowIfNull(urlBase);
        return urlBase.Scheme == Uri.UriSchemeHttps
            ? new WebhookTarget(urlBase, null, null, 0)
            : throw new ArgumentException($"the webhook URL base must be https, not {urlBase}", nameof(urlBase));
    }

    public static WebhookTarget ForService(string @namespace, string name, int port = 443) => new(null, @namespace, name, port);

    public Admissionregistrationv1WebhookClientConfig ClientConfig(string path, byte[] caBundle) => UrlBase is { } url
        ? new Admissionregistrationv1WebhookClientConfig { Url = new Uri(url, path).ToString(), CaBundle = caBundle }
        : new Admissionregistrationv1WebhookClientConfig
        {
            Service = new Admissionregistrationv1ServiceReference { NamespaceProperty = ServiceNamespace, Name = ServiceName, Port = ServicePort, Path = path },
            CaBundle = caBundle,
        };

    public override string ToString() => UrlBase?.ToString() ?? $"service {ServiceNamespace}/{ServiceName}:{ServicePort}";
}
