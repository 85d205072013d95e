namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>Field codes of ErrorResponse and NoticeResponse.</summary>
internal static class PgNoticeField
{
    public const byte Severity = (byte)'S';
    public const byte SeverityNonLocalized = (byte)'V';
    public const byte SqlState = (byte)'C';
    public const byte Message = (byte)'M';
    public const byte Detail = (byte)'D';
    public const byte Hint = (byte)'H';
    public const byte Position = (byte)'P';
    public const byte InternalPosition = (byte)'p';
    public const byte InternalQuery = (byte)'q';
    public const byte Where = (byte)'W';
    public const byte Schema = (byte)'s';
    public const byte Table = (byte)'t';
    public const byte Column = (byte)'c';
    public const byte DataType = (byte)'d';
    public const byte Constraint = (byte)'n';
    public const byte File = (byte)'F';
    public const byte Line = (byte)'L';
    public const byte Routine = (byte)'R';
}
