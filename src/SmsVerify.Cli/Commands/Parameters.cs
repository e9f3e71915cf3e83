using System.CommandLine;

namespace SmsVerify.Cli.Commands;

/// <summary><c>--param k=v</c>, given once per variable, as the template's values.</summary>
internal static class Parameters
{
    public static Option<string[]> Option() => new("--param")
    {
        Description = "A template variable's value as name=value; give it once per variable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Dictionary<string, string>? Read(string[]? given)
    {
        if (given is not { Length: > 0 })
        {
            return null;
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in given)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--param '{pair}' is not name=value.");
            }
            values[pair[..equals]] = pair[(equals + 1)..];
        }
        return values;
    }
}
