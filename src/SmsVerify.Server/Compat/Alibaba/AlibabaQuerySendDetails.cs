using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Templates.Rules;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>
/// QuerySendDetails: the tenant's messages to one number on one China day (optionally one send, by BizId), newest
/// first, paged, in Alibaba's shape: SendStatus 1 waiting, 2 failed, 3 delivered; times as China time text.
/// </summary>
internal static class AlibabaQuerySendDetails
{
    public const int MaxPageSize = 50;

    public static async Task<AlibabaOutcome> QueryAsync(AlibabaCall call, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "PhoneNumber", "SendDate", "PageSize", "CurrentPage" })
        {
            if (string.IsNullOrEmpty(call[name]))
            {
                return AlibabaError.Missing(name);
            }
        }
        if (!int.TryParse(call["PageSize"], NumberStyles.None, CultureInfo.InvariantCulture, out var pageSize) || pageSize is < 1 or > MaxPageSize
            || !int.TryParse(call["CurrentPage"], NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page is < 1 or > 100_000
            || !DateOnly.TryParseExact(call["SendDate"], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return AlibabaError.Business(AlibabaCodes.InvalidParameters,
                $"SendDate is yyyyMMdd, PageSize 1 to {MaxPageSize} and CurrentPage from 1.");
        }
        var bizId = call["BizId"];
        Guid firstMessageId = default;
        if (!PhoneNumberParser.TryParseMobile(AlibabaNumbers.Normalise(call["PhoneNumber"]!), out var phone)
            || (!string.IsNullOrEmpty(bizId) && !AlibabaBizId.TryParse(bizId, out firstMessageId)))
        {
            return Page(call, 0, []);
        }
        var tenantId = call.Caller.TenantId;
        var from = DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - MarketingWindow.ChinaOffset, DateTimeKind.Utc);
        var until = from.AddDays(1);
        var db = call.Services.GetRequiredService<AppDbContext>();
        var messages = db.Messages.AsNoTracking().Where(m => m.TenantId == tenantId && m.To == phone && m.CreatedAt >= from && m.CreatedAt < until);
        if (!string.IsNullOrEmpty(bizId))
        {
            // The messages of one send share their tenant and the moment they were stored (AlibabaBizId).
            messages = messages.Where(m => m.CreatedAt == db.Messages.Where(f => f.Id == firstMessageId && f.TenantId == tenantId).Select(f => f.CreatedAt).FirstOrDefault());
        }
        var total = await messages.CountAsync(cancellationToken);
        var rows = total <= (page - 1) * pageSize ? [] : await messages.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new Row(m.To, m.Status, m.ErrorCode, m.Template, m.MaskedText, m.CreatedAt, m.SubmittedAt, m.DoneAt, m.ClientReference))
            .ToListAsync(cancellationToken);
        return Page(call, total, rows.ConvertAll(Detail));
    }

    private static AlibabaOutcome Page(AlibabaCall call, int total, List<SmsSendDetailDto> details) =>
        AlibabaOutcome.Ok(new QuerySendDetailsResponse(call.RequestId, AlibabaCodes.Ok, "OK", total.ToString(CultureInfo.InvariantCulture), new DetailList(details)));

    private static SmsSendDetailDto Detail(Row m) => new(
        PhoneNum: m.To.StartsWith("+86", StringComparison.Ordinal) ? m.To[3..] : m.To,
        SendStatus: m.Status switch { MessageStatus.Delivered => 3, MessageStatus.Failed or MessageStatus.Expired => 2, _ => 1 },
        ErrCode: m.Status switch
        {
            MessageStatus.Delivered => "DELIVERED",
            MessageStatus.Expired => "EXPIRED",
            MessageStatus.Failed => AlibabaCodes.ForMessageError(m.ErrorCode ?? "undeliverable"),
            _ => "",
        },
        TemplateCode: m.Template,
        Content: m.MaskedText,
        SendDate: ChinaTime(m.SubmittedAt ?? m.CreatedAt),
        ReceiveDate: m.Status is MessageStatus.Delivered or MessageStatus.Failed or MessageStatus.Expired && m.DoneAt is { } done ? ChinaTime(done) : "",
        OutId: m.ClientReference ?? "");

    private static string ChinaTime(DateTime utc) =>
        (utc + MarketingWindow.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private sealed record Row(
        string To, MessageStatus Status, string? ErrorCode, string Template, string MaskedText, DateTime CreatedAt, DateTime? SubmittedAt, DateTime? DoneAt,
        string? ClientReference);

    internal sealed record QuerySendDetailsResponse(string RequestId, string Code, string Message, string TotalCount, DetailList SmsSendDetailDTOs);

    /// <summary>Always an array, even of one or none: the SDKs throw on an object where they expect the list.</summary>
    internal sealed record DetailList(List<SmsSendDetailDto> SmsSendDetailDTO);

    internal sealed record SmsSendDetailDto(
        string PhoneNum, int SendStatus, string ErrCode, string TemplateCode, string Content, string SendDate, string ReceiveDate, string OutId);
}
