using System.Text.RegularExpressions;
using Hoop.Api.V1Alpha1;
using Hoop.Policy.Matching;

namespace Hoop.Policy.Rules;

/// <summary>A compiled <see cref="SqlMatch"/>: kinds, patterns on the normalized text, and table globs.</summary>
internal sealed class SqlRuleMatch(IReadOnlySet<StatementKind>? kinds, IReadOnlyList<Regex>? patterns, IReadOnlyList<TableGlob>? tables)
{
    public bool Matches(SqlStatementFacts statement, MatchBreadth breadth)
    {
        if (kinds is not null && !kinds.Contains(statement.Kind))
        {
            return false;
        }

        if (patterns is not null && !patterns.Any(p => p.IsMatch(statement.NormalizedText)))
        {
            return false;
        }

        return tables is null || TablesMatch(statement, breadth);
    }

    private bool TablesMatch(SqlStatementFacts statement, MatchBreadth breadth) => breadth switch
    {
        MatchBreadth.Strict => statement.TablesComplete && statement.Tables.Count > 0
            && statement.Tables.All(t => tables!.Any(g => g.Matches(t, breadth))),
        _ => !statement.TablesComplete || statement.Tables.Any(t => tables!.Any(g => g.Matches(t, breadth))),
    };
}

/// <summary>
/// A glob on a table name. Without a dot it matches the table whatever its schema. With a dot it matches
/// <c>schema.table</c>; an unqualified table could be in any schema on the search path, so only a loose match counts it.
/// </summary>
internal sealed class TableGlob
{
    private readonly GlobPattern _glob;
    private readonly GlobPattern? _tablePart;

    private TableGlob(GlobPattern glob, GlobPattern? tablePart)
    {
        _glob = glob;
        _tablePart = tablePart;
    }

    public static bool TryParse(string pattern, out TableGlob? glob, out string? error)
    {
        glob = null;
        if (!GlobPattern.TryParse(pattern, '.', ignoreCase: true, out var whole, out error))
        {
            return false;
        }

        var dot = LastUnescapedDot(pattern);
        GlobPattern? tablePart = null;
        if (dot >= 0 && !GlobPattern.TryParse(pattern[(dot + 1)..], '.', ignoreCase: true, out tablePart, out error))
        {
            return false;
        }

        glob = new TableGlob(whole!, tablePart);
        return true;
    }

    public bool Matches(string table, MatchBreadth breadth)
    {
        var dot = table.LastIndexOf('.');
        if (_tablePart is null)
        {
            return _glob.IsMatch(dot < 0 ? table : table[(dot + 1)..]);
        }

        return dot >= 0 ? _glob.IsMatch(table) : breadth == MatchBreadth.Loose && _tablePart.IsMatch(table);
    }

    private static int LastUnescapedDot(string pattern)
    {
        var last = -1;
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\')
            {
                i++;
            }
            else if (pattern[i] == '.')
            {
                last = i;
            }
        }

        return last;
    }
}
