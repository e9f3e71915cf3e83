using System.CommandLine;
using SmsVerify.Client;

namespace SmsVerify.Cli.Commands;

/// <summary><c>templates precheck --file</c>: the review rules on a template's text, nothing saved; exits 4 when a finding blocks.</summary>
internal static class TemplateCommands
{
    private const int MaxName = 30;

    public static Command Build(CliHost host)
    {
        var file = new Option<FileInfo>("--file") { Description = "A UTF-8 file holding the template's content.", Required = true };
        var type = new Option<string>("--type") { Description = "verification, notification or marketing.", DefaultValueFactory = _ => "verification" };
        type.AcceptOnlyFromAmong("verification", "notification", "marketing");
        var scenario = new Option<string>("--scenario") { Description = "Where the template is sent, as the auditor will check it.", Required = true };
        var name = new Option<string?>("--name") { Description = "The template's name; the file's name by default." };
        var application = new Option<Guid?>("--application") { Description = "The landing application whose domain the links may point at." };
        var precheck = new Command("precheck", "Run the review rules on a template from a file; prints each finding with its rule and span.")
        {
            file, type, scenario, name, application,
        }.Runs(host, async ctx =>
        {
            var path = ctx.Get(file);
            if (!path.Exists)
            {
                throw new UsageException($"No file {path.FullName}.");
            }
            var content = (await File.ReadAllTextAsync(path.FullName, ctx.CancellationToken)).TrimEnd('\r', '\n');
            var templateName = ctx.Get(name) ?? Path.GetFileNameWithoutExtension(path.Name);
            var request = new TemplateRequest(templateName.Length > MaxName ? templateName[..MaxName] : templateName, ctx.Get(type), content, ctx.Get(scenario))
            {
                ApplicationId = ctx.Get(application),
            };
            var result = await ctx.Tenant.PrecheckTemplateAsync(request, ctx.CancellationToken);
            ctx.Write(result, r => Show(ctx, content, r));
            return Verdict(result);
        });
        return new Command("templates", "Templates (tenant key).") { precheck };
    }

    /// <summary>An error rejects the template outright; a warning only sends it to a person, so it does not fail the check.</summary>
    private static int Verdict(TemplatePrecheck result) => result.Findings.Any(f => f.Severity == "error") ? ExitCodes.CheckFailed : ExitCodes.Ok;

    private static void Show(CliContext ctx, string content, TemplatePrecheck result)
    {
        if (result.Findings.Count == 0)
        {
            ctx.Console.Line("No findings: nothing blocks this template.");
        }
        else
        {
            var table = Tables.New("Severity", "Rule", "Field", "Span", "Text", "Message");
            foreach (var f in result.Findings)
            {
                table.Row(f.Severity, f.Code, f.Field, f.Span is { } s ? $"{s.Start}+{s.Length}" : "", Marked(content, f), f.Message);
            }
            ctx.Console.Write(table);
        }
        if (result.Variables.Count > 0)
        {
            ctx.Console.Line("Variables: " + string.Join(", ", result.Variables.Select(v => $"${{{v.Name}}} ({v.Type})")));
        }
        var errors = result.Findings.Count(f => f.Severity == "error");
        if (errors > 0)
        {
            ctx.Console.Line($"{errors} finding(s) block this template.");
        }
    }

    /// <summary>The text a content finding points at, as far as the span lies inside the file's text.</summary>
    private static string Marked(string content, Finding finding) =>
        finding is { Field: "content", Span: { } s } && s.Start >= 0 && s.Start + s.Length <= content.Length ? content.Substring(s.Start, s.Length) : "";
}
