using System.CommandLine;
using SmsVerify.Cli.Profiles;

namespace SmsVerify.Cli.Commands;

/// <summary><c>profile add|use|list|remove</c>: named servers and keys, kept in the owner-only config file.</summary>
internal static class ProfileCommands
{
    public static Command Build(CliHost host)
    {
        var name = new Argument<string>("name") { Description = "The profile's name, such as prod or local." };
        // Takes the global --server and --key (one option of each name on the line): here they are what to save.
        var add = new Command("add", "Save --server and --key under a name; the first profile becomes the current one.") { name }
            .Runs(host, ctx =>
            {
                var server = ctx.Get(GlobalOptions.Server) ?? throw new UsageException("profile add needs --server.");
                var key = ctx.Get(GlobalOptions.Key) ?? throw new UsageException("profile add needs --key.");
                Connection.ServerAddress(server);
                var store = ctx.Profiles;
                var config = store.Load();
                config.Profiles[ctx.Get(name)] = new Profile(server, key);
                config.Current ??= ctx.Get(name);
                store.Save(config);
                ctx.Console.Line($"Saved profile '{ctx.Get(name)}'{(config.Current == ctx.Get(name) ? " (current)" : "")} in {store.Path}.");
                return Task.FromResult(ExitCodes.Ok);
            });
        var useName = new Argument<string>("name") { Description = "The profile to make current." };
        var use = new Command("use", "Make a profile the current one.") { useName }.Runs(host, ctx =>
        {
            var store = ctx.Profiles;
            var config = store.Load();
            if (!config.Profiles.ContainsKey(ctx.Get(useName)))
            {
                throw new UsageException($"No profile is named '{ctx.Get(useName)}'.");
            }
            config.Current = ctx.Get(useName);
            store.Save(config);
            ctx.Console.Line($"Using profile '{config.Current}'.");
            return Task.FromResult(ExitCodes.Ok);
        });
        var removeName = new Argument<string>("name") { Description = "The profile to forget." };
        var remove = new Command("remove", "Forget a profile and its key.") { removeName }.Runs(host, ctx =>
        {
            var store = ctx.Profiles;
            var config = store.Load();
            if (!config.Profiles.Remove(ctx.Get(removeName)))
            {
                throw new UsageException($"No profile is named '{ctx.Get(removeName)}'.");
            }
            config.Current = config.Current == ctx.Get(removeName) ? null : config.Current;
            store.Save(config);
            ctx.Console.Line($"Removed profile '{ctx.Get(removeName)}'.");
            return Task.FromResult(ExitCodes.Ok);
        });
        var list = new Command("list", "The saved profiles; keys are shown by their first characters only.").Runs(host, ctx =>
        {
            var config = ctx.Profiles.Load();
            var rows = config.Profiles.Select(p => new ProfileRow(p.Key, p.Value.Server, KeyPrefix(p.Value.Key), p.Key == config.Current)).ToList();
            return Task.FromResult(ctx.Write(rows, rows =>
            {
                var table = Tables.New("", "Name", "Server", "Key");
                rows.ForEach(r => table.Row(r.Current ? "*" : "", r.Name, r.Server, r.KeyPrefix + "…"));
                ctx.Console.Write(table);
            }));
        });
        return new Command("profile", "Saved servers and keys.") { add, use, list, remove };
    }

    private static string KeyPrefix(string key) => key.Length <= 8 ? key[..Math.Min(4, key.Length)] : key[..8];
}
