using Hoop.Api.V1Alpha1;
using k8s;
using Microsoft.Extensions.Logging;

namespace Hoop.Gateway.Authentication;

/// <summary>
/// The authenticator for the Connection's current <c>spec.authentication</c>: built once per distinct setting and kept,
/// so its caches (reviewed tokens, the issuer's keys) survive from one session to the next and are dropped when the
/// setting changes.
/// </summary>
internal sealed class AuthenticatorSource(IKubernetes client, HttpClient oidcHttp, TimeProvider time, ILogger logger)
{
    private readonly Lock _lock = new();
    private (string Settings, EndUserAuthenticator Authenticator)? _current;

    public IEndUserAuthenticator For(ConnectionAuthentication settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var key = KubernetesJson.Serialize(settings);
        lock (_lock)
        {
            if (_current is not { } current || current.Settings != key)
            {
                current = (key, EndUserAuthenticator.For(settings, client, oidcHttp, time, logger));
                _current = current;
            }

            return current.Authenticator;
        }
    }
}
