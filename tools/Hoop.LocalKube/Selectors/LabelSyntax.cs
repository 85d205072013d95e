using System.Text;
using System.Text.RegularExpressions;

namespace Hoop.LocalKube.Selectors;

/// <summary>
/// Label key and value syntax, with the API server's wording (<c>validation.IsQualifiedName</c>, <c>IsValidLabelValue</c>
/// as of Kubernetes 1.32, the version this server reports).
/// </summary>
internal static partial class LabelSyntax
{
    private const int NameMaxLength = 63;
    private const int PrefixMaxLength = 253;
    private const string NameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string NameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string ValueFormat = "(" + NameFormat + ")?";
    private const string ValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const string SubdomainFormat = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>What is wrong with a label key (an optional DNS subdomain prefix and '/', then a name); empty when nothing is.</summary>
    public static IReadOnlyList<string> KeyErrors(string key)
    {
        var errors = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(SubdomainErrors(prefix).Select(error => "prefix part " + error));
                }

                break;
            default:
                return
                [
                    "a qualified name " + RegexError(NameMessage, NameFormat, "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                ];
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (Encoding.UTF8.GetByteCount(name) > NameMaxLength)
        {
            errors.Add("name part " + MaxLengthError(NameMaxLength));
        }

        if (!NamePattern().IsMatch(name))
        {
            errors.Add("name part " + RegexError(NameMessage, NameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    /// <summary>What is wrong with a label value (empty, or a name of at most 63 characters); empty when nothing is.</summary>
    public static IReadOnlyList<string> ValueErrors(string value)
    {
        var errors = new List<string>();
        if (Encoding.UTF8.GetByteCount(value) > NameMaxLength)
        {
            errors.Add(MaxLengthError(NameMaxLength));
        }

        if (!ValuePattern().IsMatch(value))
        {
            errors.Add(RegexError(ValueMessage, ValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    private static List<string> SubdomainErrors(string value)
    {
        var errors = new List<string>();
        if (Encoding.UTF8.GetByteCount(value) > PrefixMaxLength)
        {
            errors.Add(MaxLengthError(PrefixMaxLength));
        }

        if (!SubdomainPattern().IsMatch(value))
        {
            errors.Add(RegexError(SubdomainMessage, SubdomainFormat, "example.com"));
        }

        return errors;
    }

    private static string MaxLengthError(int length) => $"must be no more than {length} characters";

    // The double spaces after each example are the API server's, kept so messages compare equal.
    private static string RegexError(string message, string format, params string[] examples) =>
        message + " (e.g. " + string.Join(" or ", examples.Select(example => "'" + example + "', "))
            + "regex used for validation is '" + format + "')";

    [GeneratedRegex(@"\A" + NameFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"\A" + ValueFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex ValuePattern();

    [GeneratedRegex(@"\A" + SubdomainFormat + @"\z", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();
}
