using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Hoop.LocalKube.Protobuf;

/// <summary>The fields of one Kubernetes generated.proto message that this server decodes; any other field is skipped.</summary>
internal sealed class ProtobufMessage
{
    private readonly FrozenDictionary<int, ProtobufField> _fields;

    public ProtobufMessage(string name, IEnumerable<ProtobufField> fields)
    {
        Name = name;
        _fields = fields.ToFrozenDictionary(field => field.Number);
    }

    /// <summary>The message's name in generated.proto, used in error messages.</summary>
    public string Name { get; }

    public IEnumerable<ProtobufField> Fields => _fields.Values;

    public bool TryGetField(int number, [NotNullWhen(true)] out ProtobufField? field) => _fields.TryGetValue(number, out field);
}
