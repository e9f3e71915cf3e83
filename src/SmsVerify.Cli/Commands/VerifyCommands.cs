using System.CommandLine;
using SmsVerify.Client;
using Spectre.Console;

namespace SmsVerify.Cli.Commands;

/// <summary><c>verify start|check</c>: send a code, and check one; a check that does not approve exits 4.</summary>
internal static class VerifyCommands
{
    public static Command Build(CliHost host)
    {
        var to = new Option<string>("--to") { Description = "The number to send the code to.", Required = true };
        var signature = new Option<string?>("--signature") { Description = "The signature; the sandbox's own when left out (test numbers only)." };
        var template = new Option<string?>("--template") { Description = "The verification template's code; the sandbox's own when left out." };
        var parameters = Parameters.Option();
        var codeLength = new Option<int?>("--code-length") { Description = "4 to 8 digits." };
        var ttl = new Option<int?>("--ttl") { Description = "Seconds the code is good for, 60 to 1800." };
        var start = new Command("start", "Send a verification code.") { to, signature, template, parameters, codeLength, ttl }.Runs(host, async ctx =>
        {
            var request = new StartVerificationRequest(ctx.Get(to))
            {
                Signature = ctx.Get(signature),
                Template = ctx.Get(template),
                Params = Parameters.Read(ctx.Get(parameters)),
                CodeLength = ctx.Get(codeLength),
                TtlSeconds = ctx.Get(ttl),
            };
            return ctx.Write(await ctx.Tenant.StartVerificationAsync(request, cancellationToken: ctx.CancellationToken), v => Show(ctx.Console, v));
        });

        var id = new Option<Guid?>("--id") { Description = "The verification's id." };
        var checkTo = new Option<string?>("--to") { Description = "The number, for its pending verification." };
        var code = new Option<string>("--code") { Description = "The code the person typed.", Required = true };
        var check = new Command("check", "Check a code by --id or --to; exits 0 when approved, 4 when not.") { id, checkTo, code }.Runs(host, async ctx =>
        {
            var verification = (ctx.Get(id), ctx.Get(checkTo)) switch
            {
                ({ } byId, null) => await ctx.Tenant.CheckVerificationAsync(byId, ctx.Get(code), ctx.CancellationToken),
                (null, { } byNumber) => await ctx.Tenant.CheckVerificationAsync(byNumber, ctx.Get(code), ctx.CancellationToken),
                _ => throw new UsageException("verify check needs one of --id or --to."),
            };
            ctx.Write(verification, v => Show(ctx.Console, v));
            return verification.IsApproved ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return new Command("verify", "Verification codes (tenant key).") { start, check };
    }

    private static void Show(IAnsiConsole console, Verification v) =>
        console.Fields(("Id", v.Id), ("To", v.To), ("Status", v.Status), ("Expires", v.ExpiresAt), ("Resend after", v.ResendAfter),
            ("Attempts left", v.CheckAttemptsLeft));
}
