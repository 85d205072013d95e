namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>The transaction state a ReadyForQuery reports.</summary>
internal enum TransactionStatus : byte
{
    Idle = (byte)'I',
    InTransaction = (byte)'T',
    Failed = (byte)'E',
}
