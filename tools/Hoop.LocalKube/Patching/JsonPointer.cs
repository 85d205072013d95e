using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Hoop.LocalKube.Patching;

/// <summary>An RFC 6901 JSON pointer: <c>/a/b~1c/0</c>, where <c>~1</c> stands for "/" and <c>~0</c> for "~".</summary>
internal sealed class JsonPointer
{
    private JsonPointer(string text, string[] tokens)
    {
        Text = text;
        Tokens = tokens;
    }

    public string Text { get; }

    public IReadOnlyList<string> Tokens { get; }

    public bool IsRoot => Tokens.Count == 0;

    /// <summary>The pointer to the container of the value this pointer names; the root has none.</summary>
    public JsonPointer Parent => IsRoot
        ? throw new InvalidOperationException("The root has no parent.")
        : new JsonPointer(Text[..Text.LastIndexOf('/')], [.. Tokens.Take(Tokens.Count - 1)]);

    public string LastToken => Tokens[^1];

    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPointer? pointer, [NotNullWhen(false)] out string? error)
    {
        pointer = null;
        if (text.Length == 0)
        {
            pointer = new JsonPointer(text, []);
            error = null;
            return true;
        }

        if (text[0] != '/')
        {
            error = $"\"{text}\" is not a JSON pointer: it must be empty or start with \"/\"";
            return false;
        }

        var tokens = text[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!TryUnescape(tokens[i], out var token))
            {
                error = $"\"{text}\" is not a JSON pointer: \"~\" must be followed by 0 or 1 (\"~0\" is \"~\", \"~1\" is \"/\")";
                return false;
            }

            tokens[i] = token;
        }

        pointer = new JsonPointer(text, tokens);
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="other"/> names a value strictly inside the one this pointer names.</summary>
    public bool IsProperPrefixOf(JsonPointer other) =>
        other.Tokens.Count > Tokens.Count && Tokens.Select((token, i) => token == other.Tokens[i]).All(same => same);

    /// <summary>Finds the value this pointer names; false when any step of the way does not exist.</summary>
    public bool TryResolve(JsonNode? root, out JsonNode? value)
    {
        value = root;
        foreach (var token in Tokens)
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    value = child;
                    break;
                case JsonArray array when TryParseIndex(token, out var index) && index < array.Count:
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Reads an array index as RFC 6901 spells it: decimal digits without leading zeros.
    /// "-" (the element after the last) is not an index; callers that allow it check for it first.
    /// </summary>
    public static bool TryParseIndex(string token, out int index)
    {
        index = -1;
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Digits too many for an int still form an index, just one past any array's end.
        index = int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : int.MaxValue;
        return true;
    }

    public override string ToString() => Text;

    private static bool TryUnescape(string raw, out string token)
    {
        token = raw;
        if (!raw.Contains('~', StringComparison.Ordinal))
        {
            return true;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != '~')
            {
                builder.Append(raw[i]);
                continue;
            }

            if (i + 1 >= raw.Length || (raw[i + 1] != '0' && raw[i + 1] != '1'))
            {
                return false;
            }

            builder.Append(raw[i + 1] == '0' ? '~' : '/');
            i++;
        }

        token = builder.ToString();
        return true;
    }
}
