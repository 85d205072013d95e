using Google.Protobuf;

namespace Hoop.LocalKube.Tests.Protobuf;

/// <summary>Writes a protobuf message field by field, in the order given, so tests can build any body, good or broken.</summary>
internal sealed class ProtoMessageBuilder
{
    private readonly List<Action<CodedOutputStream>> _writes = [];

    public ProtoMessageBuilder String(int field, string value) => Add(field, WireFormat.WireType.LengthDelimited, output => output.WriteString(value));

    public ProtoMessageBuilder Bytes(int field, byte[] value) =>
        Add(field, WireFormat.WireType.LengthDelimited, output => output.WriteBytes(ByteString.CopyFrom(value)));

    public ProtoMessageBuilder Varint(int field, long value) => Add(field, WireFormat.WireType.Varint, output => output.WriteInt64(value));

    public ProtoMessageBuilder Bool(int field, bool value) => Add(field, WireFormat.WireType.Varint, output => output.WriteBool(value));

    public ProtoMessageBuilder Message(int field, ProtoMessageBuilder message) => Bytes(field, message.ToArray());

    /// <summary>One entry of a <c>map&lt;string, string&gt;</c>; Go writes one per key, keys sorted.</summary>
    public ProtoMessageBuilder MapEntry(int field, string key, string value) => Message(field, new ProtoMessageBuilder().String(1, key).String(2, value));

    /// <summary>One entry of a <c>map&lt;string, bytes&gt;</c>.</summary>
    public ProtoMessageBuilder MapEntry(int field, string key, byte[] value) => Message(field, new ProtoMessageBuilder().String(1, key).Bytes(2, value));

    public byte[] ToArray()
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            foreach (var write in _writes)
            {
                write(output);
            }
        }

        return buffer.ToArray();
    }

    private ProtoMessageBuilder Add(int field, WireFormat.WireType wireType, Action<CodedOutputStream> writeValue)
    {
        _writes.Add(output =>
        {
            output.WriteTag(field, wireType);
            writeValue(output);
        });
        return this;
    }
}
