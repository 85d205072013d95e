using System.Diagnostics.CodeAnalysis;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>A peer sent bytes that are not valid PostgreSQL protocol v3; <see cref="SqlState"/> is what to report back.</summary>
internal sealed class PgProtocolException(string sqlState, string message) : Exception(message)
{
    public string SqlState { get; } = sqlState;

    [DoesNotReturn]
    public static void ThrowMalformed(string what) =>
        throw new PgProtocolException(PgSqlState.ProtocolViolation, $"Malformed {what}: the peer does not speak PostgreSQL protocol v3 correctly; the connection is closed.");

    [DoesNotReturn]
    public static void ThrowViolation(string message) => throw new PgProtocolException(PgSqlState.ProtocolViolation, message);

    [DoesNotReturn]
    public static void ThrowTooLarge(long length, long limit) =>
        throw new PgProtocolException(PgSqlState.ProgramLimitExceeded,
            $"A protocol message of {length} bytes exceeds the gateway's limit of {limit} bytes; send smaller statements or batches.");
}
