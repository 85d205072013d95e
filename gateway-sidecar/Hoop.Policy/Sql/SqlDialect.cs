namespace Hoop.Policy.Sql;

/// <summary>The SQL dialects the gateway understands.</summary>
public enum SqlDialect
{
    PostgreSql,
    MySql,
}

/// <summary>
/// A dialect plus the server settings that change how its text is lexed. They come from the server's ParameterStatus
/// (PostgreSQL) or <c>sql_mode</c> (MySQL); the defaults are the servers' own.
/// </summary>
public sealed record SqlDialectSettings(SqlDialect Dialect)
{
    public static SqlDialectSettings PostgreSql { get; } = new(SqlDialect.PostgreSql);

    public static SqlDialectSettings MySql { get; } = new(SqlDialect.MySql);

    /// <summary>PostgreSQL <c>standard_conforming_strings</c>: when off, a backslash escapes inside <c>'...'</c>.</summary>
    public bool StandardConformingStrings { get; init; } = true;

    /// <summary>MySQL <c>NO_BACKSLASH_ESCAPES</c>: when on, a backslash is an ordinary character inside strings.</summary>
    public bool NoBackslashEscapes { get; init; }

    /// <summary>MySQL <c>ANSI_QUOTES</c>: when on, <c>"..."</c> quotes an identifier instead of a string.</summary>
    public bool AnsiQuotes { get; init; }
}
