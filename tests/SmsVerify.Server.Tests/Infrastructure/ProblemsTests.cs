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
    public async Task NoBody_SaysTheRequestNeedsOne_InTheApisWords()
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.Http.PostAsync("/v1/verifications", new StringContent("", Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid_body");
        Assert.Equal("The request needs a JSON body.", problem.Str("detail"));
    }

    [Theory]
    [InlineData("{\"to\":5}", "The body at '$.to' has the wrong JSON type: expected a string.")]
    [InlineData("{\"to\":\"13812345678\",\"codeLength\":\"six\"}", "The body at '$.codeLength' has the wrong JSON type: expected a whole number.")]
    [InlineData("[1]", "The body has the wrong JSON type: expected an object.")]
    [InlineData("{\"to\":\"1\",}", "The body is not valid JSON.")]
    public async Task AValueOfTheWrongType_IsNamedByItsPathAndTheJsonTypeExpected_NeverAServerTypeName(string body, string detail)
    {
        var tenant = await app.CreateTenantAsync();
        var response = await tenant.Http.PostAsync("/v1/verifications", new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid_body");
        Assert.Equal(detail, problem.Str("detail"));
    }

    [Fact]
    public async Task ABadQueryParameter_IsAnInvalidArgumentNamingIt_NotABodyProblem()
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.Http.GetAsync("/v1/sandbox/numbers/%2B8613812345678/messages?limit=ten"))
            .ProblemAsync(HttpStatusCode.BadRequest, "invalid_argument");
        Assert.Equal(("limit", "'ten' is not a valid limit: expected a whole number."), (problem.Str("field"), problem.Str("detail")));
    }

    [Fact]
    public async Task JsonToAFormEndpoint_Is415NamingTheFormsItTakes()
    {
        var tenant = await app.CreateTenantAsync();
        var problem = await (await tenant.Http.PostJsonAsync("/v1/qualifications", new { kind = "enterprise" }))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        Assert.True(problem.Str("detail").Contains("multipart/form-data", StringComparison.Ordinal), problem.Str("detail"));
        Assert.Equal("Send the body as multipart/form-data or application/x-www-form-urlencoded.", problem.Str("detail"));
    }

    [Fact]
    public async Task ATooLongTarget_Is414_AndTooLargeHeaders_Are431_EachAProblem()
    {
        var tenant = await app.CreateTenantAsync();
        await (await tenant.Http.GetAsync("/v1/messages?to=" + new string('1', ProblemsExtensions.MaxRequestTargetLength)))
            .ProblemAsync(HttpStatusCode.RequestUriTooLong, "uri_too_long");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/messages");
        request.Headers.Add("X-Padding", new string('a', ProblemsExtensions.MaxRequestHeadersBytes));
        await (await tenant.Http.SendAsync(request)).ProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "headers_too_large");
    }

    [Fact]
    public async Task ABodyThatCameTooSlowly_Is408WithAProblem()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = app.Services };
        context.Response.Body = new MemoryStream();

        await new ExceptionProblemHandler().TryHandleAsync(context, new Microsoft.AspNetCore.Http.BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", 408), default);

        Assert.Equal(408, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        Assert.Contains("\"code\":\"request_timeout\"", new StreamReader(context.Response.Body).ReadToEnd());
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
