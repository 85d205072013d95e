namespace Hoop.Gateway.Hosting;

/// <summary>
/// The service credential the gateway logs in to the target with, from the Connection's Secret. It never leaves the
/// gateway: not in logs, events, recordings or errors (<see cref="ToString"/> hides the password).
/// </summary>
internal sealed record BackendCredential(string Username, string Password)
{
    public override string ToString() => $"{Username} (password hidden)";
}
