using System.Globalization;

namespace SmsVerify.Client;

public sealed partial class SmsVerifyOperatorClient
{
    /// <summary>Recomputes the audit chain on the server: valid, or the first record where it breaks.</summary>
    public Task<AuditVerification> VerifyAuditAsync(CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Get("v1/audit/verify"), ClientJson.Default.AuditVerification, cancellationToken);

    /// <summary>
    /// Writes the matching audit records to <paramref name="destination"/> as the server streams them, one JSON
    /// object a line (NDJSON), byte for byte: an export is evidence, so it is copied, never parsed and written anew.
    /// <paramref name="progress"/> hears the count of records written so far. Returns the count.
    /// </summary>
    public async Task<long> ExportAuditAsync(Stream destination, AuditQuery? query = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var q = query ?? new AuditQuery();
        var path = "v1/audit/export" + SmsVerifyClient.QueryString(
            ("target", q.Target), ("actor", q.Actor), ("action", q.Action), ("from", Time(q.From)), ("to", Time(q.To)));
        using var response = await _calls.AnswerAsync(ApiCall.Get(path) with { Streamed = true }, cancellationToken).ConfigureAwait(false);
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[81920];
            long records = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                records += buffer.AsSpan(0, read).Count((byte)'\n');
                progress?.Report(records);
            }
            return records;
        }
    }

    private static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
