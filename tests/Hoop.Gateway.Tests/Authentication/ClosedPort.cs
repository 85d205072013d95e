using System.Net;
using System.Net.Sockets;

namespace Hoop.Gateway.Tests.Authentication;

/// <summary>A loopback port nothing listens on: bound, read and released at once.</summary>
internal static class ClosedPort
{
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
