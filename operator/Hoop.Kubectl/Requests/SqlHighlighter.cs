using System.Text.RegularExpressions;

namespace Hoop.Kubectl.Requests;

/// <summary>ANSI colours for SQL shown at a terminal: keywords, string literals and comments.</summary>
internal static partial class SqlHighlighter
{
    private const string Reset = "\e[0m";
    private const string Keyword = "\e[1;34m";
    private const string Literal = "\e[32m";
    private const string Comment = "\e[2m";

    public static string Highlight(string sql, bool colour)
    {
        ArgumentNullException.ThrowIfNull(sql);
        if (!colour)
        {
            return sql;
        }

        return Tokens().Replace(sql, m => m.Groups["comment"].Success ? Comment + m.Value + Reset
            : m.Groups["literal"].Success ? Literal + m.Value + Reset
            : Keyword + m.Value + Reset);
    }

    [GeneratedRegex(@"(?<comment>--[^\n]*|/\*.*?\*/)|(?<literal>'(?:[^']|'')*')|\b(?i:SELECT|FROM|WHERE|INSERT|INTO|VALUES|UPDATE|SET|DELETE|CREATE|ALTER|DROP|TABLE|INDEX|ADD|COLUMN|JOIN|LEFT|RIGHT|INNER|OUTER|ON|AND|OR|NOT|NULL|AS|WITH|RETURNING|GRANT|REVOKE|TRUNCATE|BEGIN|COMMIT|ROLLBACK|ORDER|BY|GROUP|HAVING|LIMIT|UNION|DISTINCT|PRIMARY|KEY|REFERENCES|DEFAULT|IF|EXISTS|IN|IS|LIKE|CASE|WHEN|THEN|ELSE|END)\b", RegexOptions.Singleline)]
    private static partial Regex Tokens();
}
