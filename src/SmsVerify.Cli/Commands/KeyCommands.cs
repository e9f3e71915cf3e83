using System.CommandLine;

namespace SmsVerify.Cli.Commands;

/// <summary><c>keys list|create|delete</c>: operator keys, for an admin key.</summary>
internal static class KeyCommands
{
    public static Command Build(CliHost host)
    {
        var list = new Command("list", "Operator keys: role, prefix and creation time, never the key.").Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.ListOperatorKeysAsync(ctx.CancellationToken), keys =>
            {
                var table = Tables.New("Id", "Role", "Prefix", "Created");
                keys.ForEach(k => table.Row(k.Id, k.Role, k.Prefix, k.CreatedAt));
                ctx.Console.Write(table);
            }));

        var role = new Option<string>("--role") { Description = "admin, auditor or risk.", Required = true };
        role.AcceptOnlyFromAmong("admin", "auditor", "risk");
        var create = new Command("create", "Create an operator key; prints it, shown this once.") { role }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.CreateOperatorKeyAsync(ctx.Get(role), ctx.CancellationToken), k =>
            {
                ctx.Console.Fields(("Id", k.Id), ("Role", k.Role), ("API key", k.ApiKey));
                ctx.Console.Line("Keep the key now: the server shows it only this once.");
            }));

        var id = new Argument<Guid>("id") { Description = "The key's id (see keys list)." };
        var delete = new Command("delete", "Delete an operator key; it stops working at once.") { id }.Runs(host, async ctx =>
        {
            await ctx.Operator.DeleteOperatorKeyAsync(ctx.Get(id), ctx.CancellationToken);
            if (!ctx.Json)
            {
                ctx.Console.Line($"Deleted key {ctx.Get(id)}.");
            }
            return ExitCodes.Ok;
        });
        return new Command("keys", "Operator keys (admin key).") { list, create, delete };
    }
}
