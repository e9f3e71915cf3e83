using System.Text;
using System.Text.Json.Nodes;
using SmsVerify.Server.Content;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Phones;
using SmsVerify.Server.Sending;

namespace SmsVerify.Server.Compat.Tencent;

/// <summary>One entry of <c>SendStatusSet</c>: a number's message (<c>SerialNo</c> is its message id) or its refusal.</summary>
internal sealed record SendStatus(string SerialNo, string PhoneNumber, int Fee, string SessionContext, string Code, string Message, string IsoCode);

/// <summary>
/// <c>SendSms</c> onto <see cref="SendPipeline"/>, as <c>POST /v1/messages</c> sends: <c>SignName</c> is the
/// signature, <c>TemplateId</c> <c>123456789</c> the template <c>SMS_123456789</c>, <c>TemplateParamSet</c> fills
/// its variables in the order the content names them, <c>SessionContext</c> is every message's client reference.
/// </summary>
internal sealed class TencentSendSms(AppDbContext db, ContentResolver contents, SendPipeline pipeline)
{
    public const int MaxNumbers = 200;
    public const int MaxSessionContextBytes = MessageRecord.MaxClientReferenceLength;

    public async Task<JsonObject> SendAsync(TencentCall call, CancellationToken cancellationToken)
    {
        var p = call.Parameters;
        TencentSendStatus.CheckApp(call);
        var numbers = p.List("PhoneNumberSet", MaxNumbers, TencentCodes.PhoneNumberCountLimit);
        if (numbers is not { Count: > 0 })
        {
            throw new TencentException(TencentCodes.EmptyPhoneNumberSet, "PhoneNumberSet names 1 to 200 numbers.");
        }
        var template = TemplateCode(p.Bounded("TemplateId", SendParameters.MaxNameLength)
            ?? throw new TencentException(TencentCodes.MissingParameter, "TemplateId is required."));
        var signature = p.Bounded("SignName", SendParameters.MaxNameLength) is { Length: > 0 } name ? name
            : throw new TencentException(TencentCodes.SignatureIncorrectOrUnapproved, "SignName is required: the name of one of your approved signatures.");
        var session = p.String("SessionContext") ?? "";
        if (Encoding.UTF8.GetByteCount(session) > MaxSessionContextBytes)
        {
            throw new TencentException(TencentCodes.InvalidParameterValue, $"SessionContext is at most {MaxSessionContextBytes} bytes.");
        }
        // Read for their bounds only: SmsVerify appends the signature's own extension, and sends no international SenderId.
        p.Bounded("ExtendCode", 32);
        p.Bounded("SenderId", 64);
        var values = await ValuesAsync(call, signature, template, p.List("TemplateParamSet", SendParameters.MaxCount, TencentCodes.TemplateParameterFormatError) ?? [], cancellationToken);
        var entries = await SendEachAsync(call, numbers, signature, template, values, session, cancellationToken);
        return TencentApi.ToNode(new { SendStatusSet = entries });
    }

    /// <summary>Tencent's template ids are numbers; SmsVerify's codes are <c>SMS_</c> and the same number.</summary>
    public static string TemplateCode(string templateId) =>
        templateId.Length > 0 && templateId.All(char.IsAsciiDigit) ? "SMS_" + templateId : templateId;

    /// <summary>
    /// <c>TemplateParamSet</c> by position onto the template's variables, in the order its content names them. An
    /// unknown or unapproved template gets no values: the pipeline refuses it for what it is.
    /// </summary>
    private async Task<Dictionary<string, string>?> ValuesAsync(TencentCall call, string signature, string template, List<string> parameters, CancellationToken cancellationToken)
    {
        var content = await contents.ResolveAsync(db, call.Caller.TenantId, signature, template, null, cancellationToken);
        if (content.Value is not { } approved)
        {
            return null;
        }
        if (parameters.Count > approved.Variables.Count)
        {
            throw new TencentException(TencentCodes.TemplateParameterFormatError,
                $"Template {template} has {approved.Variables.Count} variables; TemplateParamSet has {parameters.Count} values.");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < parameters.Count; i++)
        {
            values[approved.Variables[i].Name] = parameters[i];
        }
        return values;
    }

    /// <summary>
    /// Sends to the numbers; a refusal that concerns one number (not a number, a blocked number, its limits) goes in
    /// that number's entry and the others are sent again without it, as Tencent sends to each number on its own.
    /// A refusal stores nothing, so sending again is safe; it happens at most once per number.
    /// </summary>
    private async Task<List<SendStatus>> SendEachAsync(
        TencentCall call, List<string> numbers, string signature, string template, Dictionary<string, string>? values, string session, CancellationToken cancellationToken)
    {
        var pending = numbers.Select((number, index) => (Number: number, Index: index)).ToList();
        var entries = new SortedList<int, SendStatus>();
        while (pending.Count > 0)
        {
            var request = new SendRequest(call.Caller.TenantId, call.Caller.Mode, pending.ConvertAll(n => (string?)n.Number), signature, template, values)
            {
                ClientReference = session.Length == 0 ? null : session,
            };
            var outcome = await pipeline.SendAsync(request, null, cancellationToken);
            if (outcome.Error is { } error)
            {
                var (code, perNumber) = TencentErrors.For(error);
                var at = pending.Count == 1 ? 0 : error.Extensions?.TryGetValue("index", out var index) == true && index is int i ? i : -1;
                if (!perNumber || at < 0)
                {
                    throw new TencentException(code, error.Detail);
                }
                entries[pending[at].Index] = Refused(pending[at].Number, code, error.Detail, session);
                pending.RemoveAt(at);
                continue;
            }
            foreach (var message in outcome.Value!.Messages)
            {
                // One entry per distinct number, at the place the number first appears.
                var first = pending.Find(n => PhoneNumberParser.TryParseMobile(n.Number, out var e164) && e164 == message.To);
                entries[first.Index] = Entry(message, session);
            }
            break;
        }
        return [.. entries.Values];
    }

    private static SendStatus Entry(SentMessage message, string session) => message.ErrorCode is { } refused
        ? Refused(message.To, TencentErrors.For(refused).Code, refused, session)
        : new SendStatus(message.Id.ToString(), message.To, message.Segments, session, TencentCodes.Ok, "send success", IsoCode(message.To));

    private static SendStatus Refused(string number, string code, string message, string session) =>
        new("", number, 0, session, code, message, IsoCode(number));

    private static string IsoCode(string number) => PhoneNumberParser.TryParseMobile(number, out var e164) && !e164.StartsWith("+86", StringComparison.Ordinal)
        ? PhoneNumbers.PhoneNumberUtil.GetInstance().GetRegionCodeForNumber(PhoneNumbers.PhoneNumberUtil.GetInstance().Parse(e164, null))
        : "CN";
}
