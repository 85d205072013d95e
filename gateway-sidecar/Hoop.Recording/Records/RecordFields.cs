using System.Text.Json;

namespace Hoop.Recording.Records;

/// <summary>
/// Reads the type-specific fields of a record. A missing or mistyped field throws <see cref="InvalidDataException"/>,
/// which the parser turns into a problem report: replay logs are evidence, so nothing is guessed.
/// </summary>
internal static class RecordFields
{
    public static string String(JsonElement record, string name) =>
        OptionalString(record, name) ?? throw Missing(name, "a string");

    public static string? OptionalString(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Missing(name, "a string");
    }

    public static int Int32(JsonElement record, string name) =>
        OptionalInt32(record, name) ?? throw Missing(name, "an integer");

    public static int? OptionalInt32(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : throw Missing(name, "an integer");
    }

    public static long? OptionalInt64(JsonElement record, string name)
    {
        if (!record.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : throw Missing(name, "an integer");
    }

    public static double Double(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            ? number
            : throw Missing(name, "a number");

    public static JsonElement Object(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : throw Missing(name, "an object");

    public static IReadOnlyList<string> Strings(JsonElement record, string name)
    {
        var array = Array(record, name);
        var strings = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            strings.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Missing(name, "an array of strings"));
        }

        return strings;
    }

    public static JsonElement Array(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value : throw Missing(name, "an array");

    public static DateTimeOffset Time(JsonElement record, string name) =>
        RecordTime.TryParse(String(record, name), out var time) ? time : throw Missing(name, "an RFC 3339 UTC time");

    public static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static InvalidDataException Missing(string name, string what) => new($"field '{name}' is missing or is not {what}");
}
