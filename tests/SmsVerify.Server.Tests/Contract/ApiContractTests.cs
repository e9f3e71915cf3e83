using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Contract;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> as a client generator or a reader of the reference sees it. That
/// every answer of the API is one its operation lists is checked by every test (<see cref="ContractCheck"/>).
/// </summary>
public sealed class ApiContractTests(SmsVerifyApp app) : IClassFixture<SmsVerifyApp>
{
    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement;

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value)));

    [Fact]
    public async Task EveryOperation_HasAnId_ASummary_AndADescription()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count > 90, $"only {operations.Count} operations in the document");
        var undescribed = operations
            .Where(o => !o.Operation.TryGetProperty("operationId", out _) || !o.Operation.TryGetProperty("summary", out _)
                || !o.Operation.TryGetProperty("description", out _))
            .Select(o => $"{o.Method} {o.Path}");
        Assert.Empty(undescribed);
        var ids = operations.Select(o => o.Operation.GetProperty("operationId").GetString()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task AnOperationThatNeedsAKey_ListsTheBearerScheme_401And403()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var start = document.GetProperty("paths").GetProperty("/v1/verifications").GetProperty("post");
        Assert.Equal("bearer", start.GetProperty("security")[0].EnumerateObject().Single().Name);
        var responses = start.GetProperty("responses");
        Assert.True(responses.TryGetProperty("401", out var unauthorized));
        Assert.True(unauthorized.GetProperty("content").GetProperty("application/problem+json").GetProperty("examples").TryGetProperty("unauthorized", out _));
        Assert.True(responses.TryGetProperty("403", out _));

        // The captcha challenge is fetched by browsers with no key, or with one.
        var challenge = document.GetProperty("paths").GetProperty("/v1/captcha/challenge").GetProperty("get").GetProperty("security");
        Assert.Equal(2, challenge.GetArrayLength());
        Assert.Empty(challenge[0].EnumerateObject());
    }

    [Fact]
    public async Task StartingAVerification_ListsEveryRefusalOfTheSendPipeline_WithItsCodeAndAnExample()
    {
        var document = await DocumentAsync();
        var responses = document.GetProperty("paths").GetProperty("/v1/verifications").GetProperty("post").GetProperty("responses");
        Assert.True(responses.TryGetProperty("201", out _));
        foreach (var problem in new[] { ProblemTypes.InvalidPhone, ProblemTypes.InsufficientBalance, ProblemTypes.TenantSuspended,
            ProblemTypes.TemplateNotFound, ProblemTypes.ContentRejected, ProblemTypes.ResendTooSoon, ProblemTypes.RateLimited,
            ProblemTypes.BodyTooLarge, ProblemTypes.UnsupportedMediaType, ProblemTypes.LimitsUnavailable })
        {
            var response = responses.GetProperty(problem.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains($"`{problem.Code}`", response.GetProperty("description").GetString());
            var example = response.GetProperty("content").GetProperty("application/problem+json").GetProperty("examples").GetProperty(problem.Code);
            Assert.Equal(problem.Code, example.GetProperty("value").GetProperty("code").GetString());
        }
        // A read without a body or parameters cannot be refused for its body.
        var balance = document.GetProperty("paths").GetProperty("/v1/balance").GetProperty("get").GetProperty("responses");
        Assert.False(balance.TryGetProperty("415", out _));
        Assert.False(balance.TryGetProperty("400", out _));
    }

    [Fact]
    public async Task EveryOperationThatTakesAJsonBody_ShowsAnExampleOfIt()
    {
        var document = await DocumentAsync();
        var withoutExample = Operations(document)
            .Where(o => o.Operation.TryGetProperty("requestBody", out var body)
                && body.GetProperty("content").TryGetProperty("application/json", out var json) && !json.TryGetProperty("example", out _))
            .Select(o => $"{o.Method} {o.Path}");
        Assert.Empty(withoutExample);
        var inbox = document.GetProperty("paths").GetProperty("/v1/sandbox/numbers/{phone}/messages").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example")[0];
        Assert.Equal(("482916", "https://shop.example.cn"), (inbox.GetProperty("code").GetString(), inbox.GetProperty("webOtpOrigin").GetString()));
    }

    [Fact]
    public async Task AVerificationsOptionalFields_AreNotRequired()
    {
        var document = await DocumentAsync();
        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("CreateVerificationRequest");
        Assert.Equal(["to"], request.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task TheProblemSchema_ListsEveryCode()
    {
        var document = await DocumentAsync();
        var codes = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem").GetProperty("properties")
            .GetProperty("code").GetProperty("enum").EnumerateArray().Select(c => c.GetString()!).ToHashSet();
        Assert.Equal(ProblemTypes.ByCode.Keys.ToHashSet(), codes);
    }

    [Fact]
    public async Task AnAnswerTheContractDoesNotList_IsMarked_AndTheTestClientFailsTheRequest()
    {
        var endpoint = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/v1/example/{id}"), 0,
            new EndpointMetadataCollection(new ProblemsMetadata([ProblemTypes.NotFound])), "example");
        var listed = Answer(endpoint, 404, ProblemTypes.NotFound);
        Assert.False(listed.Response.Headers.ContainsKey(ContractCheck.ViolationHeader));
        var unlisted = Answer(endpoint, 409, ProblemTypes.VerificationNotPending);
        Assert.Contains("409 verification_not_pending", unlisted.Response.Headers[ContractCheck.ViolationHeader].ToString());

        using var client = new HttpClient(new ContractCheck.Handler { InnerHandler = new Marked() });
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync("http://localhost/v1/example/1"));
        Assert.Contains("does not list", failure.Message);
    }

    private static DefaultHttpContext Answer(Endpoint endpoint, int status, ProblemType problem)
    {
        var context = new DefaultHttpContext();
        context.SetEndpoint(endpoint);
        context.Response.StatusCode = status;
        context.Items[typeof(ProblemType)] = problem;
        ContractCheck.MarkIfUnlisted(context);
        return context;
    }

    private sealed class Marked : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(HttpStatusCode.Conflict);
            response.Headers.Add(ContractCheck.ViolationHeader, "GET /v1/example/{id} answered 409, which its contract does not list");
            return Task.FromResult(response);
        }
    }

    [RedoclyFact]
    public async Task TheDocument_PassesTheOpenApiLinter()
    {
        var folder = LinterFolder()!;
        var file = Path.Combine(Path.GetTempPath(), $"smsverify-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await app.Anonymous().GetStringAsync("/openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo(NodeScripts.FindNode()!)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            };
            foreach (var argument in new[] { Path.Combine("node_modules", "@redocly", "cli", "bin", "cli.js"), "lint", file, "--config", "redocly.yaml", "--max-problems", "200" })
            {
                start.ArgumentList.Add(argument);
            }
            using var lint = Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            Assert.True(lint.ExitCode == 0, $"redocly lint found problems:\n{await output}\n{await errors}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static string? LinterFolder() => NodeScripts.FindFolder(Path.Combine("Contract", "lint"), "redocly.yaml");
}
