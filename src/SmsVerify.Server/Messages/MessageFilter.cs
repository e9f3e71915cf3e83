using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Phones;

namespace SmsVerify.Server.Messages;

/// <summary>Which of a tenant's messages a read of the log wants; every part optional, times in UTC.</summary>
public sealed record MessageFilter(string? To = null, MessageStatus? Status = null, string? Template = null, DateTime? From = null, DateTime? Until = null)
{
    /// <summary>The filter from what a person or a client typed: a number in any form, a status by name; null parts are left out.</summary>
    public static Outcome<MessageFilter> Parse(string? to, string? status, string? template, DateTime? from, DateTime? until)
    {
        string? e164 = null;
        if (to is not null && !PhoneNumberParser.TryParseMobile(to, out e164))
        {
            return ProblemTypes.NotAMobileNumber(to);
        }
        MessageStatus? wanted = null;
        if (status is not null)
        {
            if (!EnumInput.TryParse<MessageStatus>(status, out var parsed))
            {
                return ProblemTypes.Invalid("status", "status must be queued, submitted, delivered, failed or expired.");
            }
            wanted = parsed;
        }
        return new MessageFilter(e164, wanted, template, from, until);
    }

    /// <summary>
    /// The filter over one tenant's messages. A number reads the (tenant, number, time) index and anything else the
    /// (tenant, time) one, so status and template only narrow the rows of one tenant's range.
    /// </summary>
    public IQueryable<MessageRecord> Apply(IQueryable<MessageRecord> messages, Guid tenantId)
    {
        messages = messages.Where(m => m.TenantId == tenantId);
        if (To is { } to)
        {
            messages = messages.Where(m => m.To == to);
        }
        if (Status is { } status)
        {
            messages = messages.Where(m => m.Status == status);
        }
        if (Template is { } template)
        {
            messages = messages.Where(m => m.Template == template);
        }
        if (From is { } from)
        {
            messages = messages.Where(m => m.CreatedAt >= from);
        }
        if (Until is { } until)
        {
            messages = messages.Where(m => m.CreatedAt < until);
        }
        return messages;
    }
}
