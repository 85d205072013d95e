namespace Hoop.Policy.Sql;

/// <summary>Keyword lookup: ASCII case-insensitive only, so look-alike letters (fullwidth, Cyrillic) never match a keyword.</summary>
internal static class SqlKeywords
{
    private const int MaxLength = 20;

    // Buckets by (length, first letter): each holds a handful of candidates, compared ASCII case-insensitively.
    private static readonly (string Name, SqlKeyword Keyword)[][] Buckets = BuildBuckets();

    // Keywords that may be followed by '(' without that being a function call (IN (...), VALUES (...), AS (...)).
    private static readonly bool[] NotCall = BuildNotCall();

    public static SqlKeyword Lookup(ReadOnlySpan<char> word)
    {
        // OrdinalIgnoreCase folds some non-ASCII letters (U+017F long s to S); keywords are ASCII, so refuse those first.
        if (word.Length is < 2 or > MaxLength)
        {
            return SqlKeyword.None;
        }

        var letter = (uint)((word[0] | 0x20) - 'a');
        if (letter > 'z' - 'a')
        {
            return SqlKeyword.None;
        }

        // Ascii.EqualsIgnoreCase never matches a non-ASCII character, so look-alike letters cannot match.
        foreach (var (name, keyword) in Buckets[(word.Length * 26) + (int)letter])
        {
            if (System.Text.Ascii.EqualsIgnoreCase(word, name))
            {
                return keyword;
            }
        }

        return SqlKeyword.None;
    }

    /// <summary>True when the keyword followed by '(' opens a list, subquery or clause rather than calling a function.</summary>
    public static bool OpensNonCallParen(SqlKeyword keyword) => NotCall[(int)keyword];

    private static (string Name, SqlKeyword Keyword)[][] BuildBuckets()
    {
        var buckets = new List<(string, SqlKeyword)>[(MaxLength + 1) * 26];
        foreach (var keyword in Enum.GetValues<SqlKeyword>())
        {
            var name = keyword.ToString().ToUpperInvariant();
            if (keyword == SqlKeyword.None || name.Length is < 2 or > MaxLength)
            {
                continue;
            }

            var index = (name.Length * 26) + (name[0] - 'A');
            (buckets[index] ??= []).Add((name, keyword));
        }

        return buckets.Select(b => b?.ToArray() ?? []).ToArray();
    }

    private static bool[] BuildNotCall()
    {
        var table = new bool[(int)Enum.GetValues<SqlKeyword>().Max() + 1];
        SqlKeyword[] notCall =
        [
            SqlKeyword.Select, SqlKeyword.From, SqlKeyword.Join, SqlKeyword.Where, SqlKeyword.And, SqlKeyword.Or, SqlKeyword.Not,
            SqlKeyword.In, SqlKeyword.Exists, SqlKeyword.Any, SqlKeyword.All, SqlKeyword.Some, SqlKeyword.Values, SqlKeyword.Value,
            SqlKeyword.Using, SqlKeyword.On, SqlKeyword.As, SqlKeyword.Lateral, SqlKeyword.Union, SqlKeyword.Intersect,
            SqlKeyword.Except, SqlKeyword.With, SqlKeyword.Recursive, SqlKeyword.Materialized, SqlKeyword.By, SqlKeyword.Having,
            SqlKeyword.Then, SqlKeyword.Else, SqlKeyword.When, SqlKeyword.Case, SqlKeyword.Returning, SqlKeyword.Set, SqlKeyword.Row,
            SqlKeyword.Array, SqlKeyword.Over, SqlKeyword.Filter, SqlKeyword.Within, SqlKeyword.Group, SqlKeyword.Cast,
            SqlKeyword.Like, SqlKeyword.ILike, SqlKeyword.Similar, SqlKeyword.To, SqlKeyword.Escape, SqlKeyword.Into,
            SqlKeyword.Conflict, SqlKeyword.Limit, SqlKeyword.Offset, SqlKeyword.Rows, SqlKeyword.Range, SqlKeyword.Tablesample,
            SqlKeyword.Repeatable, SqlKeyword.Sets, SqlKeyword.Cube, SqlKeyword.Rollup, SqlKeyword.Partition, SqlKeyword.Window,
            SqlKeyword.Key, SqlKeyword.Index, SqlKeyword.Ignore, SqlKeyword.Force, SqlKeyword.Use, SqlKeyword.Match,
            SqlKeyword.Against, SqlKeyword.Distinct, SqlKeyword.Distinctrow, SqlKeyword.Is, SqlKeyword.Operator, SqlKeyword.Table,
            SqlKeyword.Function, SqlKeyword.Procedure, SqlKeyword.View, SqlKeyword.Insert, SqlKeyword.Replace,
            SqlKeyword.References, SqlKeyword.Unique, SqlKeyword.Check, SqlKeyword.Primary, SqlKeyword.Exclude,
            SqlKeyword.Include, SqlKeyword.Type, SqlKeyword.Do, SqlKeyword.Default, SqlKeyword.First, SqlKeyword.Next,
            SqlKeyword.Return, SqlKeyword.Of, SqlKeyword.Only, SqlKeyword.Columns, SqlKeyword.Constraint, SqlKeyword.Regexp,
            SqlKeyword.RLike, SqlKeyword.Xor, SqlKeyword.Member, SqlKeyword.Collate, SqlKeyword.Symmetric, SqlKeyword.Asymmetric,
            SqlKeyword.Overlaps, SqlKeyword.Leading, SqlKeyword.Trailing, SqlKeyword.Both, SqlKeyword.Div, SqlKeyword.Ordinality,
            SqlKeyword.Natural, SqlKeyword.Cross, SqlKeyword.Left, SqlKeyword.Right, SqlKeyword.Inner, SqlKeyword.Outer,
            SqlKeyword.Full, SqlKeyword.Straight_Join, SqlKeyword.Foreign, SqlKeyword.Always, SqlKeyword.Generated,
            SqlKeyword.For, SqlKeyword.Explain, SqlKeyword.Analyze, SqlKeyword.Analyse, SqlKeyword.Copy, SqlKeyword.Vacuum,
            SqlKeyword.Update, SqlKeyword.Delete, SqlKeyword.Merge, SqlKeyword.Dual,
        ];
        foreach (var keyword in notCall)
        {
            table[(int)keyword] = true;
        }

        return table;
    }
}
