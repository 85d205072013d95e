using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Postgres.Backend;

/// <summary>
/// Logging in to the real server failed. <see cref="SqlState"/> is the server's own code when it refused the login
/// (<see cref="ServerNotice"/> is then set), otherwise the gateway's (08006 connection, 28000 authentication).
/// </summary>
internal sealed class BackendLoginException : Exception
{
    public BackendLoginException(string sqlState, string message, Exception? innerException = null)
        : base(message, innerException) => SqlState = sqlState;

    public BackendLoginException(PgNotice serverNotice)
        : base($"The database server refused the gateway's login: {serverNotice.Message} (SQLSTATE {serverNotice.SqlState}).")
    {
        SqlState = serverNotice.SqlState;
        ServerNotice = serverNotice;
    }

    public string SqlState { get; }

    public PgNotice? ServerNotice { get; }
}
