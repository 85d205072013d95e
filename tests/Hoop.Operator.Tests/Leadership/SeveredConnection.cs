namespace Hoop.Operator.Tests.Leadership;

/// <summary>A client-side handler that, once severed, fails every request as an unreachable API server would.</summary>
internal sealed class SeveredConnection : DelegatingHandler
{
    private volatile bool _severed;

    public void Sever() => _severed = true;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _severed ? throw new HttpRequestException("connection refused (severed by the test)") : base.SendAsync(request, cancellationToken);
}
