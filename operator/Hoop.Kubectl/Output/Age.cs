using System.Globalization;

namespace Hoop.Kubectl.Output;

/// <summary>kubectl's AGE column (apimachinery's HumanDuration): 45s, 3m20s, 12m, 5h30m, 2d4h, 40d, 3y12d.</summary>
internal static class Age
{
    public static string Since(DateTime? time, DateTimeOffset now) =>
        time is { } t ? Format(now - new DateTimeOffset(DateTime.SpecifyKind(t.ToUniversalTime(), DateTimeKind.Utc))) : "<unknown>";

    public static string Format(TimeSpan d)
    {
        var seconds = (long)Math.Floor(d.TotalSeconds);
        if (seconds < -1)
        {
            return "<invalid>";
        }

        if (seconds < 0)
        {
            return "0s";
        }

        if (seconds < 120)
        {
            return I($"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 10)
        {
            return seconds % 60 == 0 ? I($"{minutes}m") : I($"{minutes}m{seconds % 60}s");
        }

        if (minutes < 180)
        {
            return I($"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 8)
        {
            return minutes % 60 == 0 ? I($"{hours}h") : I($"{hours}h{minutes % 60}m");
        }

        if (hours < 48)
        {
            return I($"{hours}h");
        }

        if (hours < 24 * 8)
        {
            return hours % 24 == 0 ? I($"{hours / 24}d") : I($"{hours / 24}d{hours % 24}h");
        }

        if (hours < 24 * 365 * 2)
        {
            return I($"{hours / 24}d");
        }

        if (hours < 24 * 365 * 8)
        {
            var days = hours / 24 % 365;
            return days == 0 ? I($"{hours / 24 / 365}y") : I($"{hours / 24 / 365}y{days}d");
        }

        return I($"{hours / 24 / 365}y");
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
