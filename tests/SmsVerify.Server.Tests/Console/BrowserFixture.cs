using Microsoft.Playwright;

namespace SmsVerify.Server.Tests.Console;

/// <summary>The browser tests: one <see cref="BrowserFixture"/> for them all, so Chromium starts once.</summary>
[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;

/// <summary>
/// One headless Chromium for the browser tests, driven by Playwright. The browser is Debian's <c>chromium</c>
/// (<c>/usr/bin/chromium</c>, or the file SMSVERIFY_TEST_CHROMIUM names), never Playwright's own download; without it
/// the tests, marked <see cref="BrowserFactAttribute"/>, are skipped with the reason and this fixture starts nothing.
/// Each test opens pages of its own with <see cref="NewPageAsync"/>: a fresh context, so no cookies or storage are shared.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "SMSVERIFY_TEST_CHROMIUM";
    public const string ScreenshotsVariable = "SMSVERIFY_SCREENSHOTS";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium the tests launch: SMSVERIFY_TEST_CHROMIUM when set, else Debian's.</summary>
    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public static string? SkipReason =>
        File.Exists(ChromiumPath)
            ? null
            : $"Chromium is not installed at {ChromiumPath}: install Debian's (apt-get install chromium; .ci/run does) "
                + $"or name another with {ChromiumVariable}";

    public async Task InitializeAsync()
    {
        if (SkipReason is not null)
        {
            return;
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root in a container: no sandbox (it needs user namespaces), and a small /dev/shm is not enough.
            // The pages are all on loopback, so no proxy from the environment may get in between.
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--no-proxy-server"],
        });
    }

    /// <summary>
    /// A page in a new browser context of its own, with <paramref name="baseUrl"/> as the base for relative addresses
    /// (<c>page.GotoAsync("/console")</c>) and the browser's language set to <paramref name="locale"/>. Closing the
    /// context (<c>await using var context = page.Context;</c>) closes the page; what a test leaves open goes with the browser.
    /// </summary>
    public async Task<IPage> NewPageAsync(string baseUrl, string locale = "zh-CN")
    {
        var browser = _browser ?? throw new InvalidOperationException(SkipReason ?? "The browser is not started.");
        var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, Locale = locale });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Writes the page as <c>docs/console/&lt;name&gt;.png</c> in the checkout when SMSVERIFY_SCREENSHOTS=1 (to refresh
    /// the pictures in the docs), and does nothing otherwise, so test runs never rewrite files. Returns the file written.
    /// </summary>
    public static async Task<string?> SaveScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) != "1")
        {
            return null;
        }
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.StartsWith('.'))
        {
            throw new ArgumentException($"Not a plain file name: \"{name}\".", nameof(name));
        }
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SmsVerify.slnx")))
        {
            root = root.Parent;
        }
        if (root is null)
        {
            throw new InvalidOperationException($"No SmsVerify.slnx above {AppContext.BaseDirectory}: where is the checkout?");
        }
        var file = Path.Combine(root.FullName, "docs", "console", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        return file;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
