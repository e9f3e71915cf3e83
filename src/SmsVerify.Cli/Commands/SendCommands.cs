using System.CommandLine;
using SmsVerify.Client;

namespace SmsVerify.Cli.Commands;

/// <summary><c>send</c>: one signed, templated text to one or more numbers, under an idempotency key.</summary>
internal static class SendCommands
{
    public static Command Build(CliHost host)
    {
        var to = new Option<string[]>("--to") { Description = "A number to send to; give it once per number.", Required = true };
        var signature = new Option<string>("--signature") { Description = "The approved signature, as 【…】 shows it.", Required = true };
        var template = new Option<string>("--template") { Description = "The approved template's code (SMS_…).", Required = true };
        var parameters = Parameters.Option();
        var idempotencyKey = new Option<string?>("--idempotency-key") { Description = "Your own key, so that running the command again never sends twice." };
        return new Command("send", "Send a message (tenant key).") { to, signature, template, parameters, idempotencyKey }.Runs(host, async ctx =>
        {
            var request = new SendMessagesRequest(ctx.Get(to), ctx.Get(signature), ctx.Get(template)) { Params = Parameters.Read(ctx.Get(parameters)) };
            return ctx.Write(await ctx.Tenant.SendMessagesAsync(request, ctx.Get(idempotencyKey), ctx.CancellationToken), sent =>
            {
                var table = Tables.New("Id", "To", "Segments", "Status", "Error");
                foreach (var m in sent.Messages)
                {
                    table.Row(m.Id, m.To, m.Segments, m.Status, m.ErrorCode);
                }
                ctx.Console.Write(table);
                ctx.Console.Line($"Cost: {Tables.Format(sent.Cost)} yuan");
            });
        });
    }
}
