namespace Hoop.Gateway.Sessions;

/// <summary>A client session a CancelRequest (Ctrl-C) or a shutdown can interrupt.</summary>
internal interface ICancellableSession
{
    /// <summary>Cancels what the session is doing now: a held statement's AccessRequest, or the running statement on the target.</summary>
    Task CancelAsync(CancellationToken cancellationToken);

    /// <summary>Ends the session: the gateway is shutting down.</summary>
    void Shutdown();
}
