using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>S (backend): the current value of a reported run-time parameter.</summary>
internal readonly record struct ParameterStatusMessage(string Name, string Value)
{
    public static ParameterStatusMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "ParameterStatus");
        var name = reader.ReadString();
        var value = reader.ReadString();
        reader.ExpectEnd();
        return new ParameterStatusMessage(name, value);
    }
}
