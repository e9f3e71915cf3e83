namespace SmsVerify.Server.Tests.Support;

/// <summary>The repository the tests were built from, for tests that read files shipped beside the code.</summary>
internal static class Checkout
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsVerify.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException($"No SmsVerify.slnx above {AppContext.BaseDirectory}.");
    }

    public static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));
}
