namespace SmsVerify.Server.Tests.Support;

/// <summary>Where the tests find node and the npm folders whose scripts they run (the altcha library, the vendor SDKs).</summary>
internal static class NodeScripts
{
    public static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);

    /// <summary>The folder <paramref name="folder"/> of this test project in the checkout, found by its <paramref name="script"/>.</summary>
    public static string? FindFolder(string folder, string script)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "SmsVerify.Server.Tests", folder);
            if (File.Exists(Path.Combine(candidate, script)))
            {
                return candidate;
            }
        }
        return null;
    }
}
