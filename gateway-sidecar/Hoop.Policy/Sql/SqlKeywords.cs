namespace Hoop.Policy.Sql;

/// <summary>Keyword lookup: ASCII case-insensitive only, so look-alike letters (fullwidth, Cyrillic) never match a keyword.</summary>
internal static class SqlKeywords
{
    private const int MaxLength = 20;

    // Open addressing over a power-of-two table about three times the keyword count: most lookups probe one slot.
    private const int SlotBits = 10;

    private static readonly Entry[] Slots = BuildSlots();

    // Keywords that may be followed by '(' without that being a function call (IN (...), VALUES (...), AS (...)).
    private static readonly bool[] NotCall = BuildNotCall();

    public static SqlKeyword Lookup(ReadOnlySpan<char> word)
    {
        if (word.Length is < 2 or > MaxLength)
        {
            return SqlKeyword.None;
        }

        var slots = Slots;
        for (var slot = Slot(word); ; slot = (slot + 1) & (slots.Length - 1))
        {
            var entry = slots[slot];
            if (entry.Name is null)
            {
                return SqlKeyword.None;
            }

            // Keywords are ASCII and only ASCII letters fold, so look-alike letters (fullwidth, Cyrillic, U+017F long s) never match.
            if (entry.Name.Length == word.Length && FoldedEquals(word, entry.Name))
            {
                return entry.Keyword;
            }
        }
    }

    /// <summary>True when the keyword followed by '(' opens a list, subquery or clause rather than calling a function.</summary>
    public static bool OpensNonCallParen(SqlKeyword keyword) => NotCall[(int)keyword];

    private static uint Fold(char c) => (uint)(c - 'A') <= 'Z' - 'A' ? (uint)(c | 0x20) : c;

    // The length and three letters tell almost every keyword apart, without a loop over the word.
    private static int Slot(ReadOnlySpan<char> word)
    {
        var hash = ((uint)word.Length << 24) ^ (Fold(word[0]) << 16) ^ (Fold(word[1]) << 8) ^ Fold(word[^1]);
        return (int)((hash * 2654435769u) >> (32 - SlotBits));
    }

    private static bool FoldedEquals(ReadOnlySpan<char> word, string lowerName)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (Fold(word[i]) != lowerName[i])
            {
                return false;
            }
        }

        return true;
    }

    private static Entry[] BuildSlots()
    {
        var slots = new Entry[1 << SlotBits];
        foreach (var keyword in Enum.GetValues<SqlKeyword>())
        {
            var name = keyword.ToString().ToLowerInvariant();
            if (keyword == SqlKeyword.None || name.Length is < 2 or > MaxLength)
            {
                continue;
            }

            var slot = Slot(name);
            while (slots[slot].Name is not null)
            {
                slot = (slot + 1) & (slots.Length - 1);
            }

            slots[slot] = new Entry(name, keyword);
        }

        return slots;
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

    private readonly record struct Entry(string? Name, SqlKeyword Keyword);
}
