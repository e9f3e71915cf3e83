using System.Globalization;
using System.Text;

namespace SmsVerify.Server.Risk.Incidents;

/// <summary>
/// An incident as CSV for the bad-SMS reporting centre: RFC 4180 (comma-separated, CRLF line ends, a field with a
/// comma, quote or line break quoted and its quotes doubled), one row per sample message with the incident's
/// fields repeated, so each row stands alone in a spreadsheet. UTF-8 with a byte-order mark, which spreadsheet
/// programs need to read Chinese.
/// </summary>
public static class IncidentCsv
{
    public static readonly string[] Columns =
    [
        "incident_id", "tenant_id", "tenant_name", "qualification_subject", "qualification_credit_code", "kind", "scope", "block", "signature", "template",
        "status", "violations", "first_violation_at", "last_violation_at", "opened_at", "closed_at", "reason_counts", "actions",
        "sample_at", "sample_signature", "sample_template", "sample_reasons", "sample_text",
    ];

    public static byte[] Write(IncidentView incident)
    {
        var csv = new StringBuilder();
        Row(csv, Columns);
        string[] head =
        [
            incident.Id.ToString(), incident.TenantId.ToString(), incident.TenantName, incident.Qualification?.Subject ?? "",
            incident.Qualification?.CreditCode ?? "", Lower(incident.Kind), incident.Scope is { } scope ? Lower(scope) : "", incident.Block ?? "",
            incident.Signature ?? "", incident.Template ?? "", Lower(incident.Status),
            incident.Violations.ToString(CultureInfo.InvariantCulture), Time(incident.FirstViolationAt), Time(incident.LastViolationAt),
            Time(incident.OpenedAt), incident.ClosedAt is { } closed ? Time(closed) : "",
            string.Join("; ", incident.ReasonCounts.Select(r => $"{r.Code}: {r.Count}")),
            string.Join("; ", incident.Actions.Select(a => $"{Time(a.At)} {a.Action} by {a.Actor}{(a.Reason is null ? "" : $" ({a.Reason})")}")),
        ];
        if (incident.Samples.Count == 0)
        {
            Row(csv, [.. head, "", "", "", "", ""]);
        }
        foreach (var sample in incident.Samples)
        {
            Row(csv, [.. head, Time(sample.At), sample.Signature, sample.Template, string.Join(",", sample.Reasons), sample.Text]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void Row(StringBuilder csv, string[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            csv.Append(i == 0 ? "" : ",").Append(Field(fields[i]));
        }
        csv.Append("\r\n");
    }

    /// <summary>
    /// One field, quoted when RFC 4180 needs it. A field a spreadsheet would run as a formula (=, +, -, @ first) gets
    /// a leading apostrophe: a message text is the sender's words, and opening the report must not execute them.
    /// </summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    private static string Lower<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Time(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
