namespace Hoop.Testing.Processes;

/// <summary>
/// Starts a server on a fresh free port, again on another one when a parallel process grabbed the port
/// between our probe and the server's bind.
/// </summary>
public static class PortRetry
{
    public static async Task<T> StartAsync<T>(Func<int, CancellationToken, Task<T>> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start(FreePort.Next(), cancellationToken).ConfigureAwait(false);
            }
            catch (PortInUseException) when (attempt < 5)
            {
            }
        }
    }
}
