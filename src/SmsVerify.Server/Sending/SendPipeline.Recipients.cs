using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Templates.Rules;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Sending;

// Who a send reaches: its numbers parsed, the tenant's test numbers among them, and the numbers it may not reach.
internal sealed partial class SendPipeline
{
    private sealed record Standing(bool IsTest, string? FixedCode, Balances.FundsRow Funds);

    /// <summary>
    /// Whether the one number of a send is a test number, with the tenant's funds: one round trip for the two reads
    /// every send to one number needs (compiled, as every such send runs it).
    /// </summary>
    private static readonly Func<AppDbContext, Guid, string, CancellationToken, Task<Standing>> ReadStanding =
        EF.CompileAsyncQuery((AppDbContext db, Guid tenantId, string phone, CancellationToken _) =>
            db.Tenants.Where(t => t.Id == tenantId).Select(t => new Standing(
                db.SandboxNumbers.Any(n => n.TenantId == tenantId && n.Phone == phone),
                db.SandboxNumbers.Where(n => n.TenantId == tenantId && n.Phone == phone).Select(n => n.FixedCode).FirstOrDefault(),
                new Balances.FundsRow(t.PricePerSegment, t.Balance, t.DailySpendCap, t.DaySpend, t.SpendDay))).First());

    /// <summary>The distinct numbers in E.164; a number that is not a mobile number refuses the send (its <c>index</c> said).</summary>
    private static Outcome<List<Recipient>> ParseNumbers(IReadOnlyList<string?> numbers)
    {
        var recipients = new List<Recipient>(numbers.Count);
        for (var i = 0; i < numbers.Count; i++)
        {
            if (!PhoneNumberParser.TryParseMobile(numbers[i], out var e164))
            {
                var invalid = ProblemTypes.NotAMobileNumber(numbers[i]);
                return numbers.Count == 1 ? invalid : invalid with { Extensions = new Dictionary<string, object?> { ["index"] = i } };
            }
            if (!recipients.Exists(r => r.To == e164))
            {
                recipients.Add(new Recipient(e164));
            }
        }
        return recipients;
    }

    /// <summary>
    /// Marks the tenant's test numbers. A sandbox tenant reaches nothing else, and neither does the built-in sandbox
    /// template (<paramref name="content"/> null). A send to one number reads the tenant's funds in the same round
    /// trip and keeps them for its price.
    /// </summary>
    private async Task<Outcome<Balances.FundsRow?>> FindTestNumbersAsync(
        SendRequest request, ApprovedContent? content, List<Recipient> recipients, CancellationToken cancellationToken)
    {
        Balances.FundsRow? funds = null;
        if (recipients.Count == 1)
        {
            var standing = await ReadStanding(db, request.TenantId, recipients[0].To, cancellationToken);
            (recipients[0].IsTest, recipients[0].FixedCode, funds) = (standing.IsTest, standing.FixedCode, standing.Funds);
        }
        else
        {
            var phones = recipients.ConvertAll(r => r.To);
            var numbers = await db.SandboxNumbers.AsNoTracking().Where(n => n.TenantId == request.TenantId && phones.Contains(n.Phone))
                .Select(n => new { n.Phone, n.FixedCode }).ToListAsync(cancellationToken);
            foreach (var number in numbers)
            {
                var recipient = recipients.Find(r => r.To == number.Phone)!;
                (recipient.IsTest, recipient.FixedCode) = (true, number.FixedCode);
            }
        }
        if (recipients.Find(r => !r.IsTest) is not { } real)
        {
            return funds;
        }
        if (request.Mode == TenantMode.Sandbox)
        {
            return ProblemTypes.SandboxNumberRequired.With(
                $"Your tenant is in sandbox mode and {real.To} is not one of its test numbers. Register it with POST /v1/sandbox/numbers.");
        }
        return content is null
            ? ProblemTypes.SignatureRequired.With(
                $"{real.To} is not one of your test numbers: name one of your approved signatures and verification templates (signature, template).")
            : funds;
    }

    /// <summary>
    /// A number in a block blocked for pumping refuses the send; a number opted out of the signature's marketing gets
    /// no message while the others do. Both hold for real numbers; an opt-out holds for test numbers too, so the
    /// sandbox shows a tenant what its real recipients will see.
    /// </summary>
    private async Task<ApiError?> ApplyBlocksAndOptOutsAsync(SendRequest request, ApprovedContent? content, List<Recipient> recipients, CancellationToken cancellationToken)
    {
        for (var i = 0; i < recipients.Count; i++)
        {
            if (!recipients[i].IsTest && blocks.Refuse(request.TenantId, recipients[i].To) is { } blocked)
            {
                return recipients.Count == 1 ? blocked : blocked with { Extensions = new Dictionary<string, object?>(blocked.Extensions!) { ["index"] = i } };
            }
        }
        if (content?.Type == TemplateType.Marketing)
        {
            var phones = recipients.ConvertAll(r => r.To);
            var optedOut = await db.OptOuts.AsNoTracking().Where(o => o.SignatureId == content.SignatureId && phones.Contains(o.Phone))
                .Select(o => o.Phone).ToListAsync(cancellationToken);
            recipients.ForEach(r => r.RefusedFor = optedOut.Contains(r.To) ? "recipient_opted_out" : null);
        }
        return null;
    }
}
