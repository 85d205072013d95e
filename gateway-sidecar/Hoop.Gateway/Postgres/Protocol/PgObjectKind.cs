namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>Whether a Describe or Close names a prepared statement or a portal.</summary>
internal enum PgObjectKind : byte
{
    Statement = (byte)'S',
    Portal = (byte)'P',
}
