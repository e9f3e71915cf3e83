using System.CommandLine;
using SmsVerify.Client;
using Spectre.Console;

namespace SmsVerify.Cli.Commands;

/// <summary><c>tenants list|show|create|suspend|resume</c>, for an admin key.</summary>
internal static class TenantCommands
{
    public static Command Build(CliHost host)
    {
        var nameFilter = new Option<string?>("--name") { Description = "Only tenants whose name contains this, in any case." };
        var limit = new Option<int?>("--limit") { Description = "At most this many (1 to the server's page size)." };
        var list = new Command("list", "Tenants, newest first.") { nameFilter, limit }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.ListTenantsAsync(ctx.Get(nameFilter), ctx.Get(limit), ctx.CancellationToken), tenants =>
            {
                var table = Tables.New("Id", "Name", "Kind", "Mode", "Balance", "Created", "Suspended");
                tenants.ForEach(t => table.Row(t.Id, t.Name, t.Kind, t.Mode, t.Balance, t.CreatedAt, t.SuspendedAt));
                ctx.Console.Write(table);
            }));

        var id = new Argument<Guid>("id") { Description = "The tenant's id." };
        var show = new Command("show", "One tenant: mode, balance, suspension.") { id }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.GetTenantAsync(ctx.Get(id), ctx.CancellationToken), t => Show(ctx.Console, t)));

        var name = new Option<string>("--name") { Description = "The tenant's name.", Required = true };
        var kind = new Option<string>("--kind") { Description = "personal or enterprise.", DefaultValueFactory = _ => "enterprise" };
        kind.AcceptOnlyFromAmong("personal", "enterprise");
        var create = new Command("create", "Create a tenant in sandbox mode; prints its first API key, shown this once.") { name, kind }
            .Runs(host, async ctx =>
                ctx.Write(await ctx.Operator.CreateTenantAsync(ctx.Get(name), ctx.Get(kind), ctx.CancellationToken), t =>
                {
                    ctx.Console.Fields(("Id", t.Id), ("Name", t.Name), ("Kind", t.Kind), ("Mode", t.Mode), ("API key", t.ApiKey));
                    ctx.Console.Line("Keep the API key now: the server shows it only this once.");
                }));

        var suspend = new Command("suspend", "Refuse every send of the tenant until it is resumed.") { id }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.SuspendTenantAsync(ctx.Get(id), ctx.CancellationToken), t => Show(ctx.Console, t)));
        var resume = new Command("resume", "Take the tenant's sends again.") { id }.Runs(host, async ctx =>
            ctx.Write(await ctx.Operator.ResumeTenantAsync(ctx.Get(id), ctx.CancellationToken), t => Show(ctx.Console, t)));
        return new Command("tenants", "Tenants (admin key).") { list, show, create, suspend, resume };
    }

    private static void Show(IAnsiConsole console, Tenant t) =>
        console.Fields(("Id", t.Id), ("Name", t.Name), ("Kind", t.Kind), ("Mode", t.Mode), ("Balance", t.Balance),
            ("Created", t.CreatedAt), ("Suspended", t.SuspendedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "no"));
}
