using System.Buffers;
using Hoop.Api.V1Alpha1;

namespace Hoop.Policy.Sql;

/// <summary>
/// Classifies the statements of one batch, one segment at a time. Works on the batch's tokens; rents its work arrays once
/// per batch and allocates only the results (texts, table names, reasons).
/// </summary>
internal sealed partial class StatementAnalyzer : IDisposable
{
    private readonly string _sql;
    private readonly bool _mySql;
    private readonly SqlToken[] _all;
    private readonly SqlToken[] _t;
    private readonly SqlKeyword[] _k;
    private readonly int[] _match;
    private readonly int[] _ctes;

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
    private List<string>? _tables;
    private bool _fromIsTable;
    private bool _onIsTable;
    private bool _renameTo;
    private bool _sawWith;
    private int _skipCallParen;
    private bool _inList;
    private bool _listFrom;
    private int _listDepth;

    public StatementAnalyzer(string sql, SqlDialectSettings dialect, SqlToken[] tokens, int tokenCount)
    {
        _sql = sql;
        _mySql = dialect.Dialect == SqlDialect.MySql;
        _all = tokens;
        var size = Math.Max(1, tokenCount);
        _t = ArrayPool<SqlToken>.Shared.Rent(size);
        _k = ArrayPool<SqlKeyword>.Shared.Rent(size);
        _match = ArrayPool<int>.Shared.Rent(size);
        _ctes = ArrayPool<int>.Shared.Rent(size);
    }

    public void Dispose()
    {
        ArrayPool<SqlToken>.Shared.Return(_t);
        ArrayPool<SqlKeyword>.Shared.Return(_k);
        ArrayPool<int>.Shared.Return(_match);
        ArrayPool<int>.Shared.Return(_ctes);
    }

    /// <summary>Classifies one segment; null when it holds only whitespace and comments.</summary>
    public ClassifiedStatement? Analyze(SqlSegment segment)
    {
        var first = segment.FirstToken;
        var last = segment.FirstToken + segment.TokenCount - 1;
        while (first <= last && _all[first].Kind == SqlTokenKind.Whitespace)
        {
            first++;
        }

        while (last >= first && _all[last].Kind == SqlTokenKind.Whitespace)
        {
            last--;
        }

        if (first > last)
        {
            return null;
        }

        var executableComment = false;
        var unterminated = false;
        var backslash = false;
        _n = 0;
        for (var i = first; i <= last; i++)
        {
            var token = _all[i];
            unterminated |= token.IsUnterminated;
            executableComment |= token.Kind == SqlTokenKind.ExecutableCommentStart;
            if (token.IsTrivia)
            {
                continue;
            }

            backslash |= token.Kind == SqlTokenKind.Other && _sql[token.Start] == '\\';
            _t[_n] = token;
            _k[_n] = token.Kind == SqlTokenKind.Word ? SqlKeywords.Lookup(_sql.AsSpan(token.Start, token.Length)) : SqlKeyword.None;
            _n++;
        }

        if (_n == 0 && !executableComment)
        {
            return null;
        }

        Reset();
        try
        {
            Classify(segment.SemicolonInParentheses, unterminated, backslash);
        }
#pragma warning disable CA1031 // A classifier bug must fail closed (unknown), never take the gateway down.
        catch (Exception)
#pragma warning restore CA1031
        {
            _kind = StatementKind.Unknown;
            _reason = "the classifier failed on this statement";
            _complete = false;
        }

        var start = _all[first].Start;
        return new ClassifiedStatement
        {
            Text = _sql.Substring(start, _all[last].End - start),
            Start = start,
            Kind = _kind,
            Tables = _tables is null ? [] : _tables.ToArray(),
            TablesComplete = _complete,
            NormalizedText = Normalize(first, last),
            Reason = _reason,
        };
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
        _tables = null;
        _fromIsTable = true;
        _onIsTable = false;
        _renameTo = false;
        _sawWith = false;
        _skipCallParen = -1;
        _inList = false;
        _listFrom = false;
        _listDepth = 0;
    }

    private void Classify(bool semicolonInParentheses, bool unterminated, bool backslash)
    {
        MatchParentheses();
        if (_n == 0)
        {
            _kind = StatementKind.Unknown;
            _reason = "an executable comment without a statement";
            return;
        }

        _kind = Head(0);
        Scan();
        if (backslash)
        {
            Override("a backslash outside a string: a psql or mysql client command, which the gateway cannot interpret");
        }

        if (unterminated)
        {
            Override("an unterminated string, quoted identifier or comment: the server would read this text differently");
        }

        if (semicolonInParentheses)
        {
            Override("a semicolon inside parentheses: the statement cannot be split reliably");
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

    private void MatchParentheses()
    {
        // _ctes doubles as the stack here; it is reset before the scan uses it for CTE names.
        var depth = 0;
        for (var i = 0; i < _n; i++)
        {
            _match[i] = -1;
            if (_t[i].Kind == SqlTokenKind.OpenParen)
            {
                _ctes[depth++] = i;
                _match[i] = _n;
            }
            else if (_t[i].Kind == SqlTokenKind.CloseParen && depth > 0)
            {
                _match[_ctes[--depth]] = i;
            }
        }
    }

    private SqlKeyword K(int i) => (uint)i < (uint)_n ? _k[i] : SqlKeyword.None;

    private bool IsTok(int i, SqlTokenKind kind) => (uint)i < (uint)_n && _t[i].Kind == kind;

    private bool IsName(int i) => IsTok(i, SqlTokenKind.Word) || IsTok(i, SqlTokenKind.QuotedIdentifier);

    private ReadOnlySpan<char> Text(int i) => _sql.AsSpan(_t[i].Start, _t[i].Length);

    /// <summary>The index after the parenthesized group opening at <paramref name="i"/>.</summary>
    private int After(int i) => IsTok(i, SqlTokenKind.OpenParen) ? _match[i] + 1 : i + 1;

    private string Normalize(int first, int last)
    {
        var length = _all[last].End - _all[first].Start;
        var rented = length > 512 ? ArrayPool<char>.Shared.Rent(length) : null;
        Span<char> buffer = rented is null ? stackalloc char[length] : rented;
        var w = 0;
        var space = false;
        for (var i = first; i <= last; i++)
        {
            var token = _all[i];
            if (token.IsTrivia)
            {
                space = w > 0;
                continue;
            }

            if (space)
            {
                buffer[w++] = ' ';
                space = false;
            }

            _sql.AsSpan(token.Start, token.Length).CopyTo(buffer[w..]);
            w += token.Length;
        }

        var text = new string(buffer[..w]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return text;
    }
}
