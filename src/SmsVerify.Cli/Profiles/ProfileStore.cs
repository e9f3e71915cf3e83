using System.Text.Json;

using SmsVerify.Cli;

namespace SmsVerify.Cli.Profiles;

/// <summary>
/// The config file: <c>$SMSVERIFY_CONFIG</c>, or <c>smsverify/config.json</c> under the user's config directory
/// (<c>~/.config</c> on Linux). It holds keys, so it is written readable by its owner alone, as ssh keeps its keys.
/// </summary>
public sealed class ProfileStore(string path)
{
    public string Path { get; } = path;

    public static ProfileStore For(CliHost host) => new(host.Variable("SMSVERIFY_CONFIG") is { Length: > 0 } path
        ? path
        : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "smsverify", "config.json"));

    public CliConfig Load()
    {
        if (!File.Exists(Path))
        {
            return new CliConfig();
        }
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(Path), CliJson.Default.CliConfig) ?? new CliConfig();
        }
        catch (JsonException e)
        {
            throw new UsageException($"The config file {Path} cannot be read: {e.Message}");
        }
    }

    /// <summary>Written to a new owner-only file and moved over the old one, so neither a reader nor a crash sees half a file.</summary>
    public void Save(CliConfig config)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(file, config, CliJson.Default.CliConfig);
        }
        if (!OperatingSystem.IsWindows())
        {
            // A file left by an older run keeps its mode through FileMode.Create: set it.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        File.Move(temporary, Path, overwrite: true);
    }
}
