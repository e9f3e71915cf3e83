using System.Diagnostics;
using System.Text.Json;

namespace SmsVerify.Server.Tests.Captcha;

/// <summary>Runs altcha/altcha.mjs, which solves and makes challenges with altcha-lib, and reads its one line of JSON.</summary>
internal static class AltchaNode
{
    public static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, "node"))
            .FirstOrDefault(File.Exists);

    public static string? FindDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "SmsVerify.Server.Tests", "Captcha", "altcha");
            if (File.Exists(Path.Combine(candidate, "altcha.mjs")))
            {
                return candidate;
            }
        }
        return null;
    }

    public static async Task<JsonElement> RunAsync(string hmacKey, string? stdin, params string[] arguments)
    {
        var start = new ProcessStartInfo(FindNode()!)
        {
            WorkingDirectory = FindDirectory()!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("altcha.mjs");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ALTCHA_HMAC_KEY"] = hmacKey;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"altcha.mjs {string.Join(' ', arguments)} exited {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
