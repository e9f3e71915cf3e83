namespace SmsVerify.Server.Tests.SmppGateway.Interop;

/// <summary>
/// Where the interop tests find the SMPP clients written by others. esme.pl carries no licence that lets us copy it,
/// so it stays in the shared peers folder beside the checkout: <c>SMSVERIFY_PEERS</c>, else <c>../shared/peers</c>
/// from the repository root, else <c>/work/shared/peers</c> (CI clones into a temp folder, with /work/shared kept).
/// Kannel and Net::SMPP are Debian packages; the npm client is this folder's script on the pinned npm peer.
/// </summary>
internal static class InteropPeers
{
    public static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmsVerify.slnx")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    public static string? SharedPeers()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("SMSVERIFY_PEERS") };
        if (RepositoryRoot() is { } root)
        {
            candidates.Add(Path.GetFullPath(Path.Combine(root, "..", "shared", "peers")));
        }
        candidates.Add("/work/shared/peers");
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(Path.Combine(c, "esme.pl")));
    }

    public static string? EsmePl() => SharedPeers() is { } peers ? Path.Combine(peers, "esme.pl") : null;

    /// <summary>A program on PATH, or in <c>/usr/sbin</c> where Debian puts Kannel's boxes.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/sbin")
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>This folder in the checkout, where the npm client script lives.</summary>
    public static string? InteropFolder() => RepositoryRoot() is { } root
        ? Path.Combine(root, "tests", "SmsVerify.Server.Tests", "SmppGateway", "Interop")
        : null;
}
