using SmsVerify.Server.Autofill;
using SmsVerify.Server.Review;
using static SmsVerify.Server.Templates.Rules.TemplateFindingCodes;

namespace SmsVerify.Server.Templates.Rules;

// WebOTP: a verification template may end with "@example.com #${code}", the origin-bound one-time code line browsers
// fill the code from (WICG, "Origin-bound one-time codes delivered via SMS"). Its hosts are judged here, against the
// same approved domains as links; the link rules then read the line as blank, so neither "@host" nor a "%host" is
// taken for a smuggled link.
public sealed partial class TemplateRules
{
    private static void CheckWebOtp(TemplateType type, string content, Span<char> text, List<VariableToken> tokens, TemplateContext context,
        List<Finding> findings)
    {
        CheckWebOtpIsLast(content, findings);
        if (WebOtpLine.Last(content) is not { } line)
        {
            return;
        }
        text[line.Start..].Fill(' ');
        var span = new TextSpan(line.Start, content.Length - line.Start);
        var quoted = content[line.Start..];
        if (type != TemplateType.Verification)
        {
            findings.Add(Finding.Reject(WebOtpNotVerification, ContentField,
                $"\"{quoted}\" is a WebOTP line, which only a verification template may end with.", span));
            return;
        }
        var token = tokens.Find(t => t.Start == line.CodeStart);
        if (token.Length != line.Code.Length || token.Type != VariableType.Code)
        {
            findings.Add(Finding.Reject(WebOtpCodeNotVariable, ContentField,
                $"In \"{quoted}\" the # must be followed by the code variable alone, as in #${{code}}: browsers fill in whatever stands there.", span));
        }
        foreach (var host in (ReadOnlySpan<string?>)[line.Host, line.EmbeddedHost])
        {
            if (host is not null && (Uri.CheckHostName(host) != UriHostNameType.Dns || !Links.IsApproved(host, context.ApprovedDomains)))
            {
                findings.Add(Finding.Reject(WebOtpHostNotApproved, ContentField,
                    $"The WebOTP line \"{quoted}\" binds the code to {host}, which is not the domain of one of your approved applications.", span));
            }
        }
    }

    // "@example.com #${code}" followed by anything, even one line break, is no longer the last line: browsers ignore it.
    private static void CheckWebOtpIsLast(string content, List<Finding> findings)
    {
        var last = WebOtpLine.LastLineStart(content);
        for (var start = 0; start < last; start = content.IndexOfAny(['\n', '\r'], start) + 1)
        {
            if (WebOtpLine.At(content, start) is { } line && line.Host.Contains('.') && Uri.CheckHostName(line.Host) == UriHostNameType.Dns)
            {
                var end = content.IndexOfAny(['\n', '\r'], start);
                findings.Add(Finding.Reject(WebOtpNotLastLine, ContentField,
                    $"Move \"{content[start..end]}\" to the very end and remove what follows it, even a line break: browsers read a WebOTP line only as the message's last line.",
                    new TextSpan(start, end - start)));
                return;
            }
        }
    }
}
