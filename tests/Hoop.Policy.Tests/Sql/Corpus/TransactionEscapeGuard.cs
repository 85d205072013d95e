using System.Text.RegularExpressions;

namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>
/// Keeps the read-only oracle from sending statements that could end or reconfigure its read-only transaction
/// (COMMIT, SET TRANSACTION READ WRITE, ...): after them, the rest of a batch would run outside it. Deliberately coarse,
/// independent of the classifier under test; quoted text is ignored so DO blocks and function bodies still run.
/// </summary>
internal static partial class TransactionEscapeGuard
{
    public static bool MayLeaveTransaction(string text) => EscapeWord().IsMatch(QuotedText().Replace(text, "''"));

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)?\$.*?\$\1\$|'(?:[^'\\]|''|\\.)*'", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedText();

    [GeneratedRegex(@"\b(commit|rollback|abort|end|begin|work|start\s+transaction|release|savepoint|prepare\s+transaction|read_only|read\s+write|characteristics|autocommit|xa|transaction|chain)\b|read_only",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EscapeWord();
}
