using System.Globalization;

namespace Hoop.Api;

/// <summary>Parses Go duration strings (<c>30m</c>, <c>1h30m</c>, <c>1.5h</c>), the format of every duration in the API.</summary>
public static class GoDuration
{
    /// <summary>Parses a positive Go duration; false for empty text, a missing or unknown unit, or overflow.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        decimal ticks = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !decimal.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]) && text[i] != '.')
            {
                i++;
            }

            decimal? unit = text.AsSpan(unitStart, i - unitStart) switch
            {
                "ns" => 0.01m,
                "us" or "µs" => TimeSpan.TicksPerMicrosecond,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            if (value > (TimeSpan.MaxValue.Ticks - ticks) / unit.Value)
            {
                return false;
            }

            ticks += value * unit.Value;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }
}
