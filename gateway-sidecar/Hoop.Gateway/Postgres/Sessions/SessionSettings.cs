using System.Text.RegularExpressions;

namespace Hoop.Gateway.Postgres.Sessions;

/// <summary>
/// The reason and ticket a user gives for what they are about to do, as custom settings PostgreSQL itself accepts:
/// <c>SET hoop.reason = 'INC-4711: add the shipped_at column'</c> (or <c>options=-c hoop.reason=...</c> at connect).
/// The gateway reads them from the statements it forwards and puts them on the AccessRequests it creates.
/// </summary>
internal sealed partial class SessionSettings
{
    public string? Reason { get; private set; }

    public string? Ticket { get; private set; }

    /// <summary>From the startup packet's <c>options</c> (<c>-c hoop.reason=...</c>).</summary>
    public void FromOptions(string? options)
    {
        if (options is null)
        {
            return;
        }

        foreach (Match match in OptionPattern().Matches(options))
        {
            Set(match.Groups["name"].Value, match.Groups["value"].Value.Replace("\\ ", " ", StringComparison.Ordinal));
        }
    }

    /// <summary>From a <c>SET hoop.reason = '...'</c> statement; other SQL is ignored.</summary>
    public void FromStatement(string sql)
    {
        if (sql.Contains("hoop.", StringComparison.OrdinalIgnoreCase) && SetPattern().Match(sql) is { Success: true } match)
        {
            Set(match.Groups["name"].Value, match.Groups["value"].Value.Replace("''", "'", StringComparison.Ordinal));
        }
    }

    private void Set(string name, string value)
    {
        value = value.Length > 1024 ? value[..1024] : value;
        if (name.Equals("reason", StringComparison.OrdinalIgnoreCase))
        {
            Reason = value.Length == 0 ? null : value;
        }
        else if (name.Equals("ticket", StringComparison.OrdinalIgnoreCase))
        {
            Ticket = value.Length == 0 ? null : value.Length > 128 ? value[..128] : value;
        }
    }

    [GeneratedRegex(@"^\s*SET\s+(?:SESSION\s+)?hoop\.(?<name>reason|ticket)\s*(?:=|\bTO\b)\s*'(?<value>(?:[^']|'')*)'\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SetPattern();

    [GeneratedRegex(@"(?:-c\s*|--)hoop\.(?<name>reason|ticket)=(?<value>(?:\\ |\S)*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OptionPattern();
}
