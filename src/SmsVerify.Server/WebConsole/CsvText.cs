namespace SmsVerify.Server.WebConsole;

/// <summary>
/// Lines of CSV (RFC 4180) that a spreadsheet opens as plain text. A cell that starts like a formula (=, +, -, @, or
/// a tab or carriage return before one) gets a leading apostrophe, as OWASP advises: a message's text comes in part
/// from the tenant's end users, and a spreadsheet would otherwise run it. That also keeps +86… numbers as written.
/// </summary>
public static class CsvText
{
    public static string Line(params string?[] cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
