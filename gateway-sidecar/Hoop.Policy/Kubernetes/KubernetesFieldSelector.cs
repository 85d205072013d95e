using System.Text;

namespace Hoop.Policy.Kubernetes;

/// <summary>Reads a field selector (<c>metadata.name=x,status.phase!=Running</c>) as far as authorization needs it.</summary>
internal static class KubernetesFieldSelector
{
    /// <summary>
    /// The value <paramref name="field"/> must equal (<c>field=v</c> or <c>field==v</c>) for the selector to match; null when
    /// the selector does not pin the field or does not parse (the API server then ignores it for the name, too).
    /// </summary>
    public static string? RequiredExactMatch(string selector, string field)
    {
        string? match = null;
        foreach (var term in SplitTerms(selector))
        {
            if (term.Length == 0)
            {
                continue;
            }

            var (key, op, rawValue) = SplitTerm(term);
            if (op is null || Unescape(rawValue) is not { } value)
            {
                return null;
            }

            if (key == field && op is "=" or "==")
            {
                match ??= value;
            }
        }

        return match;
    }

    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            if (selector[i] == '\\')
            {
                i++;
            }
            else if (selector[i] == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }

        terms.Add(selector[start..]);
        return terms;
    }

    private static (string Key, string? Op, string Value) SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var op in (string[])["!=", "==", "="])
            {
                if (string.CompareOrdinal(term, i, op, 0, op.Length) == 0)
                {
                    return (term[..i], op, term[(i + op.Length)..]);
                }
            }
        }

        return (term, null, "");
    }

    private static string? Unescape(string value)
    {
        var sb = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\')
            {
                if (value[i] is ',' or '=')
                {
                    return null;
                }

                sb.Append(value[i]);
                continue;
            }

            if (i + 1 >= value.Length || value[i + 1] is not ('\\' or ',' or '='))
            {
                return null;
            }

            sb.Append(value[++i]);
        }

        return sb.ToString();
    }
}
