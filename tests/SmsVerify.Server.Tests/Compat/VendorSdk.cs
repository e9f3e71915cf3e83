using System.Diagnostics;
using System.Text;
using System.Text.Json;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat;

/// <summary>
/// Runs a vendor's official Node.js SDK through Compat/sdk/{vendor}.mjs: one JSON command on stdin, one JSON line
/// back, <c>{ ok, body | error, requests, replay? }</c>. The command's shape is documented at the top of each script.
/// </summary>
internal static class VendorSdk
{
    public const string Alibaba = "alibaba";
    public const string Tencent = "tencent";
    public const string Twilio = "twilio";

    // Property names are written as the scripts read them: camelCase for the command, the SDK's own in params.
    private static readonly JsonSerializerOptions CommandJson = new();

    public static string? FindNode() => NodeScripts.FindNode();

    public static string? FindDirectory() => NodeScripts.FindFolder(Path.Combine("Compat", "sdk"), "harness.mjs");

    /// <summary>Runs one SDK call; an SDK error is a result (<c>ok: false</c>), a crash of the script fails the test.</summary>
    public static async Task<JsonElement> RunAsync(string vendor, object command)
    {
        var start = new ProcessStartInfo(FindNode()!)
        {
            WorkingDirectory = FindDirectory()!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"{vendor}.mjs");
        // The scripts talk to 127.0.0.1 only; a proxy from the environment must not get in between.
        foreach (var proxy in new[] { "http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY" })
        {
            start.Environment.Remove(proxy);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(command, CommandJson));
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{vendor}.mjs did not finish within 60 s: {await errors}");
        }
        Assert.True(process.ExitCode == 0, $"{vendor}.mjs exited {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
