using System.Diagnostics.CodeAnalysis;

namespace Hoop.Testing.Processes;

/// <summary>Facts about the machine the tests run on, and the rule for what a missing server means.</summary>
public static class TestEnvironment
{
    /// <summary>True under CI (<c>CI=true</c>), where a missing real server fails the run instead of skipping.</summary>
    public static bool IsCI { get; } =
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static bool IsRoot { get; } = Environment.UserName == "root" || GetUid() == 0;

    /// <summary>
    /// Skips the current test because <paramref name="reason"/> keeps it from running, or fails it under CI,
    /// where every real server must be present.
    /// </summary>
    [DoesNotReturn]
    public static void SkipUnlessCI(string reason)
    {
        if (IsCI)
        {
            throw new InvalidOperationException($"{reason} (CI=true: a missing prerequisite is a failure, not a skip)");
        }

        Assert.Skip(reason);
    }

    /// <summary>Finds an executable on PATH or at one of the given places; null when it is nowhere.</summary>
    public static string? FindExecutable(string name, params string[] places)
    {
        foreach (var place in places)
        {
            if (File.Exists(place))
            {
                return place;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static uint GetUid()
    {
        // /proc/self/status has "Uid:\treal\teffective\t..."; no P/Invoke needed for one number.
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                return uint.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return uint.MaxValue;
    }
}
