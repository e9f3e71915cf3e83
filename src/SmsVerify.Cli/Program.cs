namespace SmsVerify.Cli;

// A named class rather than top-level statements: the tests reference this assembly and the server's, whose Program
// is the global one.
internal static class Program
{
    public static Task<int> Main(string[] args) => Cli.RunAsync(args, CliHost.FromProcess());
}
