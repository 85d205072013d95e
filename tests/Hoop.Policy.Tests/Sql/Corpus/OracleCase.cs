namespace Hoop.Policy.Tests.Sql.Corpus;

/// <summary>What a real server did with a statement inside a read-only transaction.</summary>
internal enum OracleVerdict
{
    /// <summary>It ran without error: it did not need to write.</summary>
    Ran,

    /// <summary>The server refused it because it would write (PostgreSQL 25006, MariaDB 1792).</summary>
    RefusedAsWrite,

    /// <summary>It failed for another reason (syntax, missing object, timeout): says nothing either way.</summary>
    Failed,

    /// <summary>The harness did not send it (tagged no-exec, or it could leave the read-only transaction).</summary>
    Skipped,
}

/// <summary>One corpus statement, or a variant of it, and what the server did with it.</summary>
internal sealed record OracleCase(SqlCorpusEntry Entry, string Variant, string Text, OracleVerdict Verdict, string? Detail)
{
    public override string ToString() => $"{Entry.Id} ({Variant}) [{Entry.Expected}] {Entry.Preview()}" + (Detail is null ? "" : $" — {Detail}");
}
