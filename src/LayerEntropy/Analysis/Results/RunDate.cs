using System.Globalization;

namespace LayerEntropy.Analysis;

/// <summary>
/// The date a manifest records: now, or, where the environment sets SOURCE_DATE_EPOCH (seconds since 1970, the
/// reproducible-builds convention), that moment, so that a rerun of the same analysis writes byte-identical files.
/// </summary>
internal static class RunDate
{
    public const string Variable = "SOURCE_DATE_EPOCH";

    /// <exception cref="LayerEntropyException">SOURCE_DATE_EPOCH is set but not a whole number of seconds within the years 1970 to 9999.</exception>
    public static DateTimeOffset Now() => From(Environment.GetEnvironmentVariable(Variable));

    /// <summary>The date for a value of SOURCE_DATE_EPOCH (null or empty: now).</summary>
    internal static DateTimeOffset From(string? text)
    {
        if (string.IsNullOrEmpty(text)) return DateTimeOffset.UtcNow;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            throw new LayerEntropyException($"{Variable} must be a whole number of seconds since 1970-01-01 (got '{text}'); unset it to record the time of the run");
        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }
}
