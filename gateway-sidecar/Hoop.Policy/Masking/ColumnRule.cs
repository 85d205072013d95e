using Hoop.Api.V1Alpha1;
using Hoop.Policy.Matching;

namespace Hoop.Policy.Masking;

/// <summary>
/// One compiled column rule. A pattern without a dot matches the column name in any table; a dotted pattern matches
/// <c>table.column</c> (and, for a schema-qualified table, <c>table.column</c> without the schema), and matches a column
/// whose table is unknown when its last segment matches the column name, so an unknown source fails closed.
/// Names compare case-insensitively.
/// </summary>
internal sealed class ColumnRule
{
    private readonly GlobPattern _pattern;
    private readonly GlobPattern? _columnPart;

    private ColumnRule(GlobPattern pattern, GlobPattern? columnPart, MaskingStrategy strategy)
    {
        _pattern = pattern;
        _columnPart = columnPart;
        Strategy = strategy;
    }

    public MaskingStrategy Strategy { get; }

    public string Pattern => _pattern.Pattern;

    public static ColumnRule? TryCompile(int index, ColumnMaskingRule? rule, List<string> errors)
    {
        var where = $"masking.columns[{index}]";
        if (rule is null || string.IsNullOrWhiteSpace(rule.Pattern))
        {
            errors.Add($"{where}.pattern is empty; write a column name or a table.column glob such as 'email' or '*.ssn'.");
            return null;
        }

        if (!MaskStrategies.IsKnown(rule.Strategy))
        {
            errors.Add($"{where}.strategy '{rule.Strategy}' is not known; use redact, partial or hash.");
        }

        var pattern = rule.Pattern;
        if (!GlobPattern.TryParse(pattern, '.', ignoreCase: true, out var glob, out var error))
        {
            errors.Add($"{where}.pattern: {error} Fix the pattern so the column rule can apply.");
            return null;
        }

        var dot = LastSeparator(pattern);
        if (dot < 0)
        {
            return MaskStrategies.IsKnown(rule.Strategy) ? new ColumnRule(glob!, null, rule.Strategy) : null;
        }

        if (dot == 0 || dot == pattern.Length - 1)
        {
            errors.Add($"{where}.pattern '{pattern}' has an empty table or column part; write 'table.column', '*.column' or 'table.*'.");
            return null;
        }

        if (!GlobPattern.TryParse(pattern[(dot + 1)..], '.', ignoreCase: true, out var columnPart, out error))
        {
            errors.Add($"{where}.pattern: {error} Fix the column part of the pattern.");
            return null;
        }

        return MaskStrategies.IsKnown(rule.Strategy) ? new ColumnRule(glob!, columnPart, rule.Strategy) : null;
    }

    public bool Matches(string? table, string column)
    {
        if (_columnPart is null)
        {
            return _pattern.IsMatch(column);
        }

        if (string.IsNullOrEmpty(table))
        {
            return _columnPart.IsMatch(column);
        }

        if (_pattern.IsMatch(string.Concat(table, ".", column)))
        {
            return true;
        }

        var schemaDot = table.LastIndexOf('.');
        return schemaDot >= 0 && _pattern.IsMatch(string.Concat(table.AsSpan(schemaDot + 1), ".", column));
    }

    /// <summary>The last '.' that separates segments: not escaped and not inside a [set].</summary>
    private static int LastSeparator(string pattern)
    {
        var last = -1;
        var inSet = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\' when !inSet:
                    i++;
                    break;
                case '[' when !inSet:
                    inSet = true;

                    // A ']' right after '[' or '[!' is a member, as GlobPattern reads it.
                    if (i + 1 < pattern.Length && pattern[i + 1] is '!' or '^')
                    {
                        i++;
                    }

                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        i++;
                    }

                    break;
                case ']' when inSet:
                    inSet = false;
                    break;
                case '.' when !inSet:
                    last = i;
                    break;
            }
        }

        return last;
    }
}
