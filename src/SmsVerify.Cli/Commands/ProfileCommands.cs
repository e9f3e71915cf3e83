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
        var add = new Command("add", "Save --server and --key under a name; the first profile becomes the current one.") { name }.Runs(host, ctx =>
        {
            var server = ctx.Get(GlobalOptions.Server) ?? throw new UsageException("profile add needs --server.");
            var key = ctx.Get(GlobalOptions.Key) ?? throw new UsageException("profile add needs --key.");
            Connection.ServerAddress(server);
            return Change(ctx, config =>
            {
                config.Profiles[ctx.Get(name)] = new Profile(server, key);
                config.Current ??= ctx.Get(name);
                return $"Saved profile '{ctx.Get(name)}'{(config.Current == ctx.Get(name) ? " (current)" : "")} in {ctx.Profiles.Path}.";
            });
        });
        var use = new Command("use", "Make a profile the current one.") { name }.Runs(host, ctx => Change(ctx, config =>
        {
            config.Current = Existing(config, ctx.Get(name));
            return $"Using profile '{config.Current}'.";
        }));
        var remove = new Command("remove", "Forget a profile and its key.") { name }.Runs(host, ctx => Change(ctx, config =>
        {
            config.Profiles.Remove(Existing(config, ctx.Get(name)));
            config.Current = config.Current == ctx.Get(name) ? null : config.Current;
            return $"Removed profile '{ctx.Get(name)}'.";
        }));
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

    /// <summary>Loads the config, changes it, saves it, and prints what <paramref name="change"/> says it did.</summary>
    private static Task<int> Change(CliContext ctx, Func<CliConfig, string> change)
    {
        var config = ctx.Profiles.Load();
        var said = change(config);
        ctx.Profiles.Save(config);
        ctx.Console.Line(said);
        return Task.FromResult(ExitCodes.Ok);
    }

    private static string Existing(CliConfig config, string name) =>
        config.Profiles.ContainsKey(name) ? name : throw new UsageException($"No profile is named '{name}'. See 'smsverify profile list'.");

    private static string KeyPrefix(string key) => key.Length <= 8 ? key[..Math.Min(4, key.Length)] : key[..8];
}
