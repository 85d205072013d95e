using System.Net;
using Hoop.Kube.Hosting;

namespace Hoop.Operator.Tests.Hosting;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:8443", "127.0.0.1:8443")]
    [InlineData(":9090", "0.0.0.0:9090")]
    [InlineData("localhost:0", "127.0.0.1:0")]
    [InlineData("[::1]:8081", "[::1]:8081")]
    [InlineData("0.0.0.0:65535", "0.0.0.0:65535")]
    public void Host_and_port_become_an_endpoint(string text, string expected)
    {
        Assert.True(ListenAddress.TryParse(text, out var endpoint, out _));
        Assert.Equal(IPEndPoint.Parse(expected), endpoint);
    }

    [Theory]
    [InlineData("8443", "is not HOST:PORT")]
    [InlineData("127.0.0.1:", "has no valid port")]
    [InlineData("127.0.0.1:65536", "has no valid port")]
    [InlineData("127.0.0.1:-1", "has no valid port")]
    [InlineData("example.com:443", "is not an IP address")]
    [InlineData("::1:8443", "is not HOST:PORT")]
    [InlineData("[::1:8443", "is not an IP address")]
    public void Anything_else_is_refused_with_what_to_write(string text, string message)
    {
        Assert.False(ListenAddress.TryParse(text, out _, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
