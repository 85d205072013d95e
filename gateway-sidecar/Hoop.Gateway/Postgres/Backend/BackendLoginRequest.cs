namespace Hoop.Gateway.Postgres.Backend;

/// <summary>
/// Who the gateway logs in as on the real server, plus the run-time parameters the client asked for
/// (application_name, client_encoding, DateStyle, TimeZone, options, ...).
/// </summary>
/// <param name="Endpoint">Where the real server listens.</param>
/// <param name="User">The database role the gateway logs in as (never the client's own user name).</param>
/// <param name="Password">That role's password; it is never put in an error message.</param>
/// <param name="Database">The database to open.</param>
/// <param name="ClientParameters">The client's startup parameters; user, database and protocol options are not forwarded.</param>
/// <param name="MaxMessageLength">The largest message body the logged-in session's reader accepts from the server.</param>
internal sealed record BackendLoginRequest(
    BackendEndpoint Endpoint, string User, string Password, string Database, IReadOnlyDictionary<string, string> ClientParameters,
    int MaxMessageLength = BackendLoginRequest.DefaultMaxMessageLength)
{
    /// <summary>PostgreSQL itself caps a field at 1 GB; rows bigger than this are refused rather than buffered.</summary>
    public const int DefaultMaxMessageLength = 64 * 1024 * 1024;

    public override string ToString() => $"{User}@{Endpoint}/{Database}";
}
