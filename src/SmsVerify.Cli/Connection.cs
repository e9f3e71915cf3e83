using System.CommandLine;
using SmsVerify.Cli.Profiles;
using SmsVerify.Client;

namespace SmsVerify.Cli;

/// <summary>
/// The server and key a command uses, first found wins: <c>--server</c>/<c>--key</c>, then <c>SMSVERIFY_SERVER</c>/
/// <c>SMSVERIFY_KEY</c>, then the profile (<c>--profile</c>, <c>SMSVERIFY_PROFILE</c>, or the current one).
/// </summary>
internal sealed record Connection(Uri Server, SmsVerifyClient Tenant, SmsVerifyOperatorClient Operator)
{
    public static Connection Resolve(CliHost host, ParseResult parse, ProfileStore store)
    {
        var config = store.Load();
        var named = parse.GetValue(GlobalOptions.Profile) ?? host.Variable("SMSVERIFY_PROFILE");
        Profile? profile = null;
        if (named is not null && !config.Profiles.TryGetValue(named, out profile))
        {
            throw new UsageException($"No profile is named '{named}'. See 'smsverify profile list'.");
        }
        if (named is null && config.Current is { } current)
        {
            config.Profiles.TryGetValue(current, out profile);
        }
        var server = parse.GetValue(GlobalOptions.Server) ?? Value(host, "SMSVERIFY_SERVER") ?? profile?.Server
            ?? throw new UsageException("No server: add a profile ('smsverify profile add'), or give --server or SMSVERIFY_SERVER.");
        var key = parse.GetValue(GlobalOptions.Key) ?? Value(host, "SMSVERIFY_KEY") ?? profile?.Key
            ?? throw new UsageException("No API key: add a profile ('smsverify profile add'), or give --key or SMSVERIFY_KEY.");
        var address = ServerAddress(server);
        var http = host.NewHttpClient();
        var options = new SmsVerifyClientOptions { BaseAddress = address, ApiKey = key };
        return new Connection(address, new SmsVerifyClient(http, options), new SmsVerifyOperatorClient(http, options));
    }

    public static Uri ServerAddress(string server) =>
        Uri.TryCreate(server, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new UsageException($"'{server}' is no server address: give one such as https://sms.example.com.");

    private static string? Value(CliHost host, string name) => host.Variable(name) is { Length: > 0 } value ? value : null;
}
