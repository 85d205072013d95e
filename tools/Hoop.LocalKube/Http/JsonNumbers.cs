using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Http;

/// <summary>
/// Reads numbers from JSON nodes whatever backs them: a node built in code holds an <c>int</c> that
/// <c>GetValue&lt;long&gt;()</c> refuses, one parsed from a request holds a JSON element. Null when not an integer.
/// </summary>
internal static class JsonNumbers
{
    public static long? AsInt64(this JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
        && long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    public static int? AsInt32(this JsonNode? node) => node.AsInt64() is { } number and >= int.MinValue and <= int.MaxValue ? (int)number : null;
}
