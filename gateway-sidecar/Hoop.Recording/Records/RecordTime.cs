using System.Globalization;

namespace Hoop.Recording.Records;

/// <summary>
/// The one time format of replay logs: RFC 3339 in UTC with exactly seven fractional digits
/// (<c>2026-11-29T09:51:03.1234567Z</c>), so a time has a single spelling and signed bytes cannot be reworded.
/// </summary>
internal static class RecordTime
{
    private const string Pattern = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    // "O" of a UTC DateTime spells exactly Pattern, through the runtime's fast path for round-trip times.
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
}
