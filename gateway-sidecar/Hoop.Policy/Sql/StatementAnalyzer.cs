using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>
/// Classifies the statements of one batch, one segment at a time. Works on the batch's tokens, in work arrays that live as
/// long as the analyzer (see <see cref="ClassificationWorkspace"/>), and allocates only the results (texts, table names, reasons).
/// </summary>
internal sealed partial class StatementAnalyzer
{
    // Identifier text for comparisons: a function name (64) and its schema (16), two CTE names (128 each), a table name (256).
    private readonly char[] _scratch = new char[256];
    private readonly List<string> _tables = new(4);
    private readonly SqlToken[] _t;
    private readonly int[] _match;
    private readonly int[] _ctes;

    // The batch being analyzed, from Begin to End.
    private string _sql = string.Empty;
    private bool _mySql;
    private SqlToken[] _all = [];

    // Significant tokens of the current statement, and what is known about it so far.
    private int _n;
    private int _cteCount;
    private StatementKind _kind;
    private string? _reason;
    private bool _complete;
    private bool _executes;
    private bool _query;
    private int _innerStart;
    private SqlKeyword _head;
    private bool _fromIsTable;
    private bool _onIsTable;
    private bool _renameTo;
    private bool _sawWith;
    private int _skipCallParen;
    private bool _inList;
    private bool _listFrom;
    private int _listDepth;

    /// <summary>Work arrays at least as long as the token count of any batch it will analyze.</summary>
    public StatementAnalyzer(SqlToken[] significant, int[] match, int[] stack)
    {
        _t = significant;
        _match = match;
        _ctes = stack;
    }

    /// <summary>Starts on a batch: its text, dialect and tokens (with keywords, as the lexer gives them).</summary>
    public void Begin(string sql, SqlDialectSettings dialect, SqlToken[] tokens)
    {
        _sql = sql;
        _mySql = dialect.Dialect == SqlDialect.MySql;
        _all = tokens;
    }

    /// <summary>Drops every reference to the batch, so a kept analyzer does not keep query text alive.</summary>
    public void End()
    {
        _sql = string.Empty;
        _all = [];
        _reason = null;
        _tables.Clear();
    }

    /// <summary>Classifies one segment; null when it holds only whitespace and comments.</summary>
    public ClassifiedStatement? Analyze(SqlSegment segment)
    {
        var all = _all;
        var first = segment.FirstToken;
        var last = segment.FirstToken + segment.TokenCount - 1;
        while (first <= last && all[first].Kind == SqlTokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && all[last].Kind == SqlTokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            return null;
        }

        var sql = _sql;
        var nonAscii = !System.Text.Ascii.IsValid(sql.AsSpan(all[first].Start, all[last].End - all[first].Start));
        var facts = CollectSignificant(all.AsSpan(first, last - first + 1), nonAscii, out var normalizedLength);
        if (_n == 0 && (facts & TokenFacts.ExecutableComment) == 0)
        {
            return null;
        }

        ClassifyOrFailClosed(segment.SemicolonInParentheses, facts);
        var start = all[first].Start;
        var text = sql.Substring(start, all[last].End - start);
        return new ClassifiedStatement
        {
            Text = text,
            Start = start,
            Kind = _kind,
            Tables = _tables.Count == 0 ? [] : _tables.ToArray(),
            TablesComplete = _complete,
            NormalizedText = (facts & TokenFacts.NotNormal) == 0 ? text : Normalize(normalizedLength, facts),
            Reason = _reason,
        };
    }

    // Apart from Analyze, so the try block does not keep Analyze's locals out of registers.
    private void ClassifyOrFailClosed(bool semicolonInParentheses, TokenFacts facts)
    {
        Reset();
        try
        {
            Classify(semicolonInParentheses, facts);
        }
#pragma warning disable CA1031 // A classifier bug must fail closed (unknown), never take the gateway down.
        catch (Exception)
#pragma warning restore CA1031
        {
            _kind = StatementKind.Unknown;
            _reason = "the classifier failed on this statement";
            _complete = false;
        }
    }

    private void Reset()
    {
        _cteCount = 0;
        _kind = StatementKind.Read;
        _reason = null;
        _complete = true;
        _executes = false;
        _query = false;
        _innerStart = 0;
        _head = SqlKeyword.None;
        _tables.Clear();
        _fromIsTable = true;
        _onIsTable = false;
        _renameTo = false;
        _sawWith = false;
        _skipCallParen = -1;
        _inList = false;
        _listFrom = false;
        _listDepth = 0;
    }

    private void Classify(bool semicolonInParentheses, TokenFacts facts)
    {
        if (_n == 0)
        {
            _kind = StatementKind.Unknown;
            _reason = "an executable comment without a statement";
            return;
        }

        _kind = Head(0);
        Scan();
        if ((facts & TokenFacts.Backslash) != 0)
        {
            Override("a backslash outside a string: a psql or mysql client command, which the gateway cannot interpret");
        }

        if ((facts & TokenFacts.Unterminated) != 0)
        {
            Override("an unterminated string, quoted identifier or comment: the server would read this text differently");
        }

        if (semicolonInParentheses)
        {
            Override("a semicolon inside parentheses: the statement cannot be split reliably");
        }

        if ((facts & TokenFacts.LookAlike) != 0)
        {
            Override("look-alike or invisible characters outside strings (fullwidth forms, zero-width or special spaces): they hide what the statement is");
        }
    }

    private void Override(string reason)
    {
        _kind = StatementKind.Unknown;
        _reason = reason;
        _complete = false;
    }

    /// <summary>Raises the kind when <paramref name="kind"/> is more privileged; only effects of executed expressions count.</summary>
    private bool Outranks(StatementKind kind) => _executes && StatementKinds.Privilege(kind) > StatementKinds.Privilege(_kind);

    private void Raise(StatementKind kind, string reason)
    {
        if (Outranks(kind))
        {
            _kind = kind;
            _reason = reason;
        }
    }

    private SqlKeyword K(int i) => (uint)i < (uint)_n ? _t[i].Keyword : SqlKeyword.None;

    private bool IsTok(int i, SqlTokenKind kind) => (uint)i < (uint)_n && _t[i].Kind == kind;

    private bool IsName(int i) => IsTok(i, SqlTokenKind.Word) || IsTok(i, SqlTokenKind.QuotedIdentifier);

    private ReadOnlySpan<char> Text(int i) => _sql.AsSpan(_t[i].Start, _t[i].Length);

    /// <summary>The index after the parenthesized group opening at <paramref name="i"/>.</summary>
    private int After(int i) => IsTok(i, SqlTokenKind.OpenParen) ? _match[i] + 1 : i + 1;

    private string Normalize(int length, TokenFacts facts)
    {
        if ((facts & TokenFacts.CollapsedGap) == 0 && _n > 0)
        {
            // Only the trivia before the first and after the last significant token goes: one slice of the text.
            return _sql.Substring(_t[0].Start, length);
        }

        return string.Create(length, this, static (buffer, analyzer) => analyzer.WriteNormalized(buffer));
    }

    private void WriteNormalized(Span<char> buffer)
    {
        // Copies maximal runs of the text in which trivia is at most a single space, which normalizing keeps as it is.
        var sql = _sql.AsSpan();
        var tokens = _t.AsSpan(0, _n);
        if (tokens.IsEmpty)
        {
            return;
        }

        var w = 0;
        var runStart = tokens[0].Start;
        var runEnd = tokens[0].End;
        foreach (var token in tokens[1..])
        {
            if ((token.Flags & SqlTokenFlags.SpacedBefore) != 0)
            {
                sql[runStart..runEnd].CopyTo(buffer[w..]);
                w += runEnd - runStart;
                buffer[w++] = ' ';
                runStart = token.Start;
            }

            runEnd = token.End;
        }

        sql[runStart..runEnd].CopyTo(buffer[w..]);
    }
}
