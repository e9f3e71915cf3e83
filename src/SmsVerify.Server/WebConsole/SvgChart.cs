using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace SmsVerify.Server.WebConsole;

/// <summary>One line or one stack of bars: a name for the legend, a colour, a value per point of the x axis.</summary>
public sealed record ChartSeries(string Name, string Color, IReadOnlyList<double> Values);

/// <summary>
/// Charts drawn on the server as inline SVG: no script, no library to ship, nothing fetched, and the page's text
/// (names, legend) localised like the rest of it. Each series carries its values in <c>data-values</c>, so a test
/// reads what a person sees. See docs/console.md for why not a charting library.
/// </summary>
public static class SvgChart
{
    private const int Left = 44, Right = 8, Top = 10, Bottom = 24;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A line per series over the same x labels (at most a label every few points is written).</summary>
    public static IHtmlContent Lines(string title, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, int width = 640, int height = 180) =>
        Draw(title, xLabels, series, width, height, stacked: false);

    /// <summary>Stacked bars: each x a column, each series a band of it.</summary>
    public static IHtmlContent StackedBars(string title, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, int width = 640, int height = 180) =>
        Draw(title, xLabels, series, width, height, stacked: true);

    private static HtmlString Draw(string title, IReadOnlyList<string> xLabels, IReadOnlyList<ChartSeries> series, int width, int height, bool stacked)
    {
        var html = HtmlEncoder.Default;
        var points = xLabels.Count;
        var max = Math.Max(1, points == 0 ? 0 : stacked
            ? Enumerable.Range(0, points).Max(i => series.Sum(s => i < s.Values.Count ? s.Values[i] : 0))
            : series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var top = NiceCeiling(max);
        var (plotWidth, plotHeight) = (width - Left - Right, height - Top - Bottom);
        double X(int i) => Left + (points <= 1 ? plotWidth / 2.0 : plotWidth * i / (double)(points - 1));
        double Y(double v) => Top + plotHeight - plotHeight * v / top;

        var svg = new StringBuilder();
        svg.Append(Invariant, $"<figure class=\"chart\"><svg role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" aria-label=\"{html.Encode(title)}\">");
        svg.Append(Invariant, $"<title>{html.Encode(title)}</title>");
        foreach (var tick in new[] { 0, top / 2, top })
        {
            svg.Append(Invariant, $"<line x1=\"{Left}\" x2=\"{width - Right}\" y1=\"{Y(tick):0.#}\" y2=\"{Y(tick):0.#}\" stroke=\"#d9dee7\"/>");
            svg.Append(Invariant, $"<text x=\"{Left - 6}\" y=\"{Y(tick) + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6576\">{tick:0.##}</text>");
        }
        var every = Math.Max(1, (int)Math.Ceiling(points / 8.0));
        for (var i = 0; i < points; i += every)
        {
            svg.Append(Invariant, $"<text x=\"{X(i):0.#}\" y=\"{height - 6}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6576\">{html.Encode(xLabels[i])}</text>");
        }
        var barWidth = Math.Max(2, plotWidth / Math.Max(1, points) * 0.7);
        var below = new double[points];
        foreach (var s in series)
        {
            var values = string.Join(",", s.Values.Select(v => v.ToString("0.####", Invariant)));
            svg.Append(Invariant, $"<g data-series=\"{html.Encode(s.Name)}\" data-values=\"{values}\" fill=\"{html.Encode(s.Color)}\" stroke=\"{html.Encode(s.Color)}\">");
            if (stacked)
            {
                for (var i = 0; i < points && i < s.Values.Count; i++)
                {
                    var (y0, y1) = (Y(below[i]), Y(below[i] + s.Values[i]));
                    below[i] += s.Values[i];
                    if (y0 - y1 > 0)
                    {
                        svg.Append(Invariant, $"<rect x=\"{X(i) - barWidth / 2:0.#}\" y=\"{y1:0.#}\" width=\"{barWidth:0.#}\" height=\"{y0 - y1:0.#}\"/>");
                    }
                }
            }
            else if (s.Values.Count > 0)
            {
                var path = string.Join(" ", s.Values.Take(points).Select((v, i) => string.Create(Invariant, $"{(i == 0 ? 'M' : 'L')}{X(i):0.#},{Y(v):0.#}")));
                svg.Append(Invariant, $"<path d=\"{path}\" fill=\"none\" stroke-width=\"2\"/>");
            }
            svg.Append("</g>");
        }
        svg.Append("</svg><figcaption class=\"legend\">");
        foreach (var s in series)
        {
            svg.Append(Invariant, $"<span><i style=\"background:{html.Encode(s.Color)}\"></i>{html.Encode(s.Name)}</span>");
        }
        svg.Append("</figcaption></figure>");
        return new HtmlString(svg.ToString());
    }

    // 1, 2 or 5 times a power of ten at or above the value, so the axis reads in round numbers.
    private static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 5, 10 }.Select(f => f * power).First(c => c >= value);
    }
}
