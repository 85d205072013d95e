namespace Hoop.Kubectl;

/// <summary>Writes rows as kubectl does: columns left-aligned, separated by three spaces, no borders.</summary>
internal static class Table
{
    public static void Write(TextWriter output, IReadOnlyList<string[]> rows)
    {
        var widths = new int[rows.Max(r => r.Length)];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            var cells = row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]));
            output.WriteLine(string.Join("   ", cells).TrimEnd());
        }
    }
}
