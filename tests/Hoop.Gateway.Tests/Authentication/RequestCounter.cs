namespace Hoop.Gateway.Tests.Authentication;

/// <summary>Counts the HTTP requests a client sends, to tell a cache hit or an early refusal from a network call.</summary>
internal sealed class RequestCounter : DelegatingHandler
{
    private int _count;

    public RequestCounter(HttpMessageHandler? inner = null)
    {
        if (inner is not null)
        {
            InnerHandler = inner;
        }
    }

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
