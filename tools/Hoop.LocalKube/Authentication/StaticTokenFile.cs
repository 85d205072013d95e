using Hoop.LocalKube.Authorization;

namespace Hoop.LocalKube.Authentication;

/// <summary>
/// kube-apiserver's static token file: CSV lines <c>token,user,uid,"group1,group2"</c>; blank lines and lines
/// starting with <c>#</c> are skipped. Every token user is also in <c>system:authenticated</c>.
/// </summary>
internal static class StaticTokenFile
{
    public static IReadOnlyDictionary<string, UserInfo> Parse(string text)
    {
        var tokens = new Dictionary<string, UserInfo>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = SplitCsv(line);
            if (fields.Count < 3 || fields.Take(3).Any(f => f.Length == 0))
            {
                throw new FormatException($"token file line {lineNumber}: expected token,user,uid[,\"group1,group2\"]");
            }

            var groups = fields.Count > 3
                ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                : [];
            groups.Add("system:authenticated");
            if (!tokens.TryAdd(fields[0], UserInfo.Authenticated(fields[1], fields[2], groups)))
            {
                throw new FormatException($"token file line {lineNumber}: the token is listed twice");
            }
        }

        return tokens;
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"' && quoted && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString().Trim());
        return fields;
    }
}
