using System.Globalization;

namespace Hoop.Gateway.Postgres.Protocol;

/// <summary>What a CommandComplete tag says about rows: INSERT 0 5, UPDATE 3, DELETE 2, MERGE 1, COPY 10, SELECT 4 — the count is the last word.</summary>
internal static class CommandTags
{
    public static long? RowCount(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var space = tag.LastIndexOf(' ');
        return space > 0 && long.TryParse(tag.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
    }
}
