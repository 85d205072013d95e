using System.Buffers;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>C (backend): a statement finished; the tag names it and often counts rows (<c>INSERT 0 1</c>).</summary>
internal readonly record struct CommandCompleteMessage(string Tag)
{
    public static CommandCompleteMessage Parse(ReadOnlySequence<byte> body)
    {
        var reader = new PgBodyReader(body, "CommandComplete");
        var tag = reader.ReadString();
        reader.ExpectEnd();
        return new CommandCompleteMessage(tag);
    }
}
