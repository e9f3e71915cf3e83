using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SmsVerify.Bench;

/// <summary>The unmeasured calls that prepare a run: any failure throws, as the run cannot go on without them.</summary>
internal static class SetupApi
{
    public static async Task<JsonElement> CallAsync(HttpClient http, HttpMethod method, string path, string key, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchException($"{method} {path}: {(int)response.StatusCode} {body}");
        }
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task ApproveAsync(HttpClient http, string auditor, string id) =>
        CallAsync(http, HttpMethod.Post, $"/v1/review/items/{id}/approve", auditor, JsonContent.Create(new { }));

    /// <summary>Waits until the server reports the channel bound, so the first send does not wait for a bind.</summary>
    public static async Task WaitForChannelAsync(HttpClient http, string operatorKey, string channel)
    {
        for (int i = 0; i < 300; i++)
        {
            var channels = await CallAsync(http, HttpMethod.Get, "/v1/channels", operatorKey, null);
            if (channels.EnumerateArray().Any(c => c.GetProperty("name").GetString() == channel && c.GetProperty("state").GetString() == "up"))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new BenchException($"the SMPP channel {channel} did not bind within 30 s");
    }
}
