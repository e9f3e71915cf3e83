using System.Text;

namespace SmsVerify.Server.Tests.Risk;

/// <summary>A strict RFC 4180 reader for the tests, written apart from the server's writer so each checks the other.</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        List<List<string>> rows = [];
        List<string> row = [];
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.False(c is '"' or '\r' or '\n', $"An unquoted field has {c} at {i}.");
                field.Append(c);
            }
        }
        Assert.True(field.Length == 0 && row.Count == 0, "The last row does not end with CRLF.");
        return rows;
    }
}
