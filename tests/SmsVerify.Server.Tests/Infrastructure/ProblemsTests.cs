using System.Net;
using System.Text;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Infrastructure;

public sealed class ProblemsTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    [Fact]
    public async Task MalformedJson_Is400InvalidBody()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.Http.PostAsync("/v1/verifications", new StringContent("{\"to\":", Encoding.UTF8, "application/json"));
        await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid_body");
    }

    [Fact]
    public async Task WrongJsonType_Is400InvalidBodyNamingThePath()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.Http.PostAsync("/v1/verifications", new StringContent("{\"to\":\"13812345678\",\"codeLength\":\"six\"}", Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid_body");
        Assert.Contains("codeLength", problem.Str("detail"));
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var tenant = await app.CreateTenantAsync();
        var body = "{\"to\":\"" + new string('1', 70_000) + "\"}";
        var response = await tenant.Http.PostAsync("/v1/verifications", new StringContent(body, Encoding.UTF8, "application/json"));
        await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task UnknownPath_Is404WithCode()
    {
        await (await app.Anonymous().GetAsync("/v1/nothing-here")).ProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task ProblemType_ResolvesToItsDescription()
    {
        var type = await (await app.Anonymous().GetAsync("/problems/resend_too_soon")).OkAsync();
        Assert.Equal(429, type.Int("status"));
        Assert.False(string.IsNullOrEmpty(type.Str("description")));
    }

    [Fact]
    public void EveryProblemCode_IsDocumented()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "problems.md"));
        var missing = ProblemTypes.ByCode.Keys.Where(code => !docs.Contains($"`{code}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Not in docs/problems.md: " + string.Join(", ", missing));
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsVerify.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }
}
