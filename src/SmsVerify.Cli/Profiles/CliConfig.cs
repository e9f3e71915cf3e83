namespace SmsVerify.Cli.Profiles;

/// <summary>A server and the key to use on it, under a name.</summary>
public sealed record Profile(string Server, string Key);

/// <summary>The config file: the profiles by name and the one in use.</summary>
public sealed class CliConfig
{
    public string? Current { get; set; }

    public SortedDictionary<string, Profile> Profiles { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A profile as <c>profile list --json</c> shows it: never the key.</summary>
public sealed record ProfileRow(string Name, string Server, string KeyPrefix, bool Current);
