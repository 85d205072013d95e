using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>The fields of an ErrorResponse (E) or NoticeResponse (N), keyed by their one-byte codes.</summary>
internal sealed class PgNotice
{
    private readonly Dictionary<byte, string> _fields;

    private PgNotice(Dictionary<byte, string> fields) => _fields = fields;

    public IReadOnlyDictionary<byte, string> Fields => _fields;

    public string Severity => Field(PgNoticeField.SeverityNonLocalized) ?? Field(PgNoticeField.Severity) ?? "ERROR";

    public string SqlState => Field(PgNoticeField.SqlState) ?? "XX000";

    public string Message => Field(PgNoticeField.Message) ?? "";

    public string? Detail => Field(PgNoticeField.Detail);

    public string? Hint => Field(PgNoticeField.Hint);

    public string? Field(byte code) => _fields.GetValueOrDefault(code);

    public static PgNotice Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "ErrorResponse/NoticeResponse");
        var fields = new Dictionary<byte, string>();
        while (true)
        {
            var code = reader.ReadByte();
            if (code == 0)
            {
                break;
            }

            fields[code] = reader.ReadString();
        }

        reader.ExpectEnd();
        return new PgNotice(fields);
    }

    public override string ToString() => $"{Severity} {SqlState}: {Message}";
}
