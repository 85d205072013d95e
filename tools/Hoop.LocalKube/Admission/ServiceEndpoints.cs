using System.Collections.Concurrent;

namespace Hoop.LocalKube.Admission;

/// <summary>
/// Where Services "are": nothing runs pods here, so a webhook's <c>clientConfig.service</c> resolves to an endpoint
/// registered for it (e.g. an operator running on the host).
/// </summary>
public sealed class ServiceEndpoints
{
    private readonly ConcurrentDictionary<(string Namespace, string Name, int Port), Uri> _endpoints = new();

    public void Register(string ns, string name, int port, Uri endpoint) => _endpoints[(ns, name, port)] = endpoint;

    public Uri? Resolve(string ns, string name, int port) => _endpoints.GetValueOrDefault((ns, name, port));
}
