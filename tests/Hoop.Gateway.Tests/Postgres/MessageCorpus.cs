using System.Buffers.Binary;
using System.Text;
using Hoop.Gateway.Postgres.Protocol;

namespace Hoop.Gateway.Tests.Postgres;

/// <summary>Valid message bodies of every kind the parsers know, to truncate and corrupt.</summary>
internal static class MessageCorpus
{
    public static readonly (byte Type, bool Frontend, byte[] Body)[] Messages =
    [
        (FrontendMessageType.Query, true, Body("select * from users")),
        (FrontendMessageType.Parse, true, Body("s1", "select $1, $2", (short)2, 23, 25)),
        (FrontendMessageType.Bind, true, Body("p1", "s1", (short)1, (short)1, (short)3, 4, "1234"u8.ToArray(), -1, 0, (short)1, (short)0)),
        (FrontendMessageType.Describe, true, Body((byte)'S', "s1")),
        (FrontendMessageType.Close, true, Body((byte)'P', "p1")),
        (FrontendMessageType.Execute, true, Body("p1", 100)),
        (FrontendMessageType.CopyFail, true, Body("aborted by user")),
        (FrontendMessageType.FunctionCall, true, Body(1598, (short)1, (short)0, (short)2, 2, "42"u8.ToArray(), -1, (short)0)),
        (FrontendMessageType.Password, true, Body("SCRAM-SHA-256", 4, "n,,n"u8.ToArray())),
        (BackendMessageType.Authentication, false, Body(10, "SCRAM-SHA-256", "SCRAM-SHA-256-PLUS", (byte)0)),
        (BackendMessageType.Authentication, false, Body(5, 0x01020304)),
        (BackendMessageType.Authentication, false, Body(11, "r=abc,s=c2FsdA==,i=4096"u8.ToArray())),
        (BackendMessageType.ParameterStatus, false, Body("server_version", "15.8")),
        (BackendMessageType.BackendKeyData, false, Body(1234, 5678)),
        (BackendMessageType.ReadyForQuery, false, Body((byte)'T')),
        (BackendMessageType.RowDescription, false, Body((short)2, "id", 16384, (short)1, 23, (short)4, -1, (short)0, "email", 16384, (short)2, 25, (short)-1, -1, (short)0)),
        (BackendMessageType.DataRow, false, Body((short)3, 1, "7"u8.ToArray(), -1, 5, "a@b.c"u8.ToArray())),
        (BackendMessageType.CommandComplete, false, Body("INSERT 0 1")),
        (BackendMessageType.ErrorResponse, false, Body((byte)'S', "ERROR", (byte)'C', "42P01", (byte)'M', "relation does not exist", (byte)0)),
        (BackendMessageType.ParameterDescription, false, Body((short)2, 23, 25)),
        (BackendMessageType.CopyOutResponse, false, Body((byte)0, (short)2, (short)0, (short)0)),
        (BackendMessageType.NotificationResponse, false, Body(99, "jobs", "ready")),
        (BackendMessageType.NegotiateProtocolVersion, false, Body(0, 1, "_pq_.compression")),
    ];

    /// <summary>Concatenates parts as the protocol encodes them: strings null-terminated, integers big-endian.</summary>
    public static byte[] Body(params object[] parts)
    {
        var bytes = new List<byte>();
        foreach (var part in parts)
        {
            switch (part)
            {
                case string text:
                    bytes.AddRange(Encoding.UTF8.GetBytes(text));
                    bytes.Add(0);
                    break;
                case byte value:
                    bytes.Add(value);
                    break;
                case short value:
                    var word = new byte[2];
                    BinaryPrimitives.WriteInt16BigEndian(word, value);
                    bytes.AddRange(word);
                    break;
                case int value:
                    var dword = new byte[4];
                    BinaryPrimitives.WriteInt32BigEndian(dword, value);
                    bytes.AddRange(dword);
                    break;
                case byte[] raw:
                    bytes.AddRange(raw);
                    break;
                default:
                    throw new ArgumentException($"cannot encode {part.GetType()}", nameof(parts));
            }
        }

        return [.. bytes];
    }
}
