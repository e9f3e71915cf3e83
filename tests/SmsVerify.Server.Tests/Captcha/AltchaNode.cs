using System.Diagnostics;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Captcha;

/// <summary>Runs altcha/altcha.mjs, which solves and makes challenges with altcha-lib, and reads its one line of JSON.</summary>
internal static class AltchaNode
{
    public static string? FindNode() => NodeScripts.FindNode();

    public static string? FindDirectory() => NodeScripts.FindFolder(Path.Combine("Captcha", "altcha"), "altcha.mjs");

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
