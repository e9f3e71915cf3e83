using System.Net;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Compat;

public sealed class RootApisTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task RequestAtTheRoot_ThatNoVendorApiRecognises_IsNotFound()
    {
        await (await app.Anonymous().GetAsync("/")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await app.Anonymous().PostAsync("/?Foo=1", null)).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
