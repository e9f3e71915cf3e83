using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Risk;

public static class RiskOfficers
{
    /// <summary>A client with an operator key of the given role (risk by default).</summary>
    public static async Task<HttpClient> OperatorWithRoleAsync(this SmsVerifyApp app, string role = "risk")
    {
        var key = await (await app.Operator().PostJsonAsync("/v1/operators/keys", new { role })).OkAsync(HttpStatusCode.Created);
        return app.WithKey(key.Str("apiKey"));
    }
}
