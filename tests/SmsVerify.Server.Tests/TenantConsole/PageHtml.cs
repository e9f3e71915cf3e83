using System.Net;

namespace SmsVerify.Server.Tests.TenantConsole;

public static class PageHtml
{
    /// <summary>A page that must open, as a browser reads it: entities decoded (the encoder writes + as &amp;#x2B;).</summary>
    public static async Task<string> HtmlAsync(this HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
    }
}
