using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace SmsVerify.Cli;

/// <summary>Tables and field lists for people. Cells are plain text, never markup: a name with [brackets] prints as it is.</summary>
internal static class Tables
{
    public static Table New(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }
        return table;
    }

    public static Table Row(this Table table, params object?[] cells) =>
        table.AddRow(cells.Select(c => (IRenderable)new Text(Format(c))).ToArray());

    /// <summary>One thing's fields, a name and a value a line.</summary>
    public static void Fields(this IAnsiConsole console, params (string Name, object? Value)[] fields)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        foreach (var (name, value) in fields)
        {
            grid.AddRow(new Text(name + ":", new Style(decoration: Decoration.Bold)), new Text(Format(value)));
        }
        console.Write(grid);
    }

    public static void Line(this IAnsiConsole console, string text) => console.WriteLine(text);

    public static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        decimal money => money.ToString("0.00##", CultureInfo.InvariantCulture),
        double number => number.ToString("0.##", CultureInfo.InvariantCulture),
        bool flag => flag ? "yes" : "no",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
