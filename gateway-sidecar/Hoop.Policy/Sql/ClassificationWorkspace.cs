using System.Buffers;

namespace Hoop.Policy.Sql;

/// <summary>
/// The work arrays of one classification. Each thread keeps one sized for typical statements, so classifying one costs no
/// rent or return; a bigger batch borrows arrays from the shared pool and gives them back.
/// </summary>
internal sealed class ClassificationWorkspace
{
    // 1,024 tokens (a statement of up to 1,024 characters) and 64 statements: about 40 KB kept per thread.
    private const int KeptTokens = 1024;
    private const int KeptSegments = 64;

    [ThreadStatic]
    private static ClassificationWorkspace? _kept;

    private readonly bool _pooled;

    private ClassificationWorkspace(int tokens, int segments, bool pooled)
    {
        _pooled = pooled;
        Tokens = pooled ? ArrayPool<SqlToken>.Shared.Rent(tokens) : new SqlToken[tokens];
        Segments = pooled ? ArrayPool<SqlSegment>.Shared.Rent(segments) : new SqlSegment[segments];
        Significant = pooled ? ArrayPool<SqlToken>.Shared.Rent(tokens) : new SqlToken[tokens];
        Match = pooled ? ArrayPool<int>.Shared.Rent(tokens) : new int[tokens];
        Stack = pooled ? ArrayPool<int>.Shared.Rent(tokens) : new int[tokens];
        Analyzer = new StatementAnalyzer(Significant, Match, Stack);
    }

    /// <summary>The batch's tokens, as the lexer writes them.</summary>
    public SqlToken[] Tokens { get; }

    /// <summary>The batch's statements, as the splitter writes them.</summary>
    public SqlSegment[] Segments { get; }

    /// <summary>An analyzer working in this workspace's remaining arrays.</summary>
    public StatementAnalyzer Analyzer { get; }

    private SqlToken[] Significant { get; }

    private int[] Match { get; }

    private int[] Stack { get; }

    /// <summary>A workspace for up to <paramref name="tokens"/> tokens and <paramref name="segments"/> statements; give it back with <see cref="Release"/>.</summary>
    public static ClassificationWorkspace Take(int tokens, int segments)
    {
        if (tokens > KeptTokens || segments > KeptSegments)
        {
            return new ClassificationWorkspace(tokens, segments, pooled: true);
        }

        // Taken out of the slot while in use: a classification nested on this thread (none today) would get its own.
        var kept = _kept;
        _kept = null;
        return kept ?? new ClassificationWorkspace(KeptTokens, KeptSegments, pooled: false);
    }

    public void Release()
    {
        Analyzer.End();
        if (!_pooled)
        {
            _kept = this;
            return;
        }

        ArrayPool<SqlToken>.Shared.Return(Tokens);
        ArrayPool<SqlSegment>.Shared.Return(Segments);
        ArrayPool<SqlToken>.Shared.Return(Significant);
        ArrayPool<int>.Shared.Return(Match);
        ArrayPool<int>.Shared.Return(Stack);
    }
}
