namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>SQL a client batch would run: a simple Query's text, or the statement behind an Execute with its bound parameters, summarized.</summary>
internal sealed record ExecutedSql(string Text, IReadOnlyList<string>? Parameters);
