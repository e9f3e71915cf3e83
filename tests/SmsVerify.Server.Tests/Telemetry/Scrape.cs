namespace SmsVerify.Server.Tests.Telemetry;

/// <summary>Samples of a Prometheus text exposition, as a scraper reads them.</summary>
internal static class Scrape
{
    /// <summary>The value of the one sample of <paramref name="metric"/> that carries every label given; null if none does.</summary>
    public static double? Value(string exposition, string metric, params (string Name, string Value)[] labels)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) && !line.StartsWith(metric + " ", StringComparison.Ordinal))
            {
                continue;
            }
            if (labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                return double.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return null;
    }
}
