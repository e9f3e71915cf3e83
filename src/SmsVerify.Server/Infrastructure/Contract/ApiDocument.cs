using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Infrastructure.Contract;

/// <summary>
/// What the generated OpenAPI document cannot know by itself: that the API takes bearer keys and which operations
/// need one, and every problem each operation answers (<see cref="OperationContract"/>), with its codes and examples.
/// </summary>
internal static class ApiDocument
{
    public const string BearerScheme = "bearer";
    private const string ProblemSchema = "Problem";

    public static void Describe(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "SmsVerify API";
            document.Info.Description = """
                Verification codes and notifications by SMS, with the qualification, signatures, templates and landing
                applications they are sent under, risk control and the audit trail. Every failure is an RFC 9457
                problem (`application/problem+json`) whose `code` is stable: clients switch on it, and
                `/problems/{code}` explains it. Any request may also be answered `414 uri_too_long` (path and query
                over 8 KiB) or `431 headers_too_large` (headers over 32 KiB) before it reaches an operation.
                """;
            foreach (var server in document.Servers ?? [])
            {
                server.Url = server.Url?.TrimEnd('/'); // the generator names the server that answered, with a trailing slash
            }
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key: a tenant's (`sv_…`) or an operator's (`svo_…`), as `Authorization: Bearer <key>`.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = Problem();
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            {
                tag.Description = TagDescriptions.GetValueOrDefault(tag.Name ?? "");
            }
            return Task.CompletedTask;
        });
        options.AddSchemaTransformer((schema, context, _) =>
        {
            // A file is never null itself: an optional file field says so once, in its own oneOf with null.
            if (context.JsonTypeInfo.Type == typeof(IFormFile))
            {
                schema.Type = JsonSchemaType.String;
            }
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var contract = OperationContract.Of(
                metadata.ToList(), context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path));
            if (metadata.OfType<IAuthorizeData>().Any())
            {
                var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] };
                // An anonymous operation under a keyed group (the captcha challenge) takes a key or none.
                operation.Security = metadata.OfType<IAllowAnonymous>().Any() ? [new OpenApiSecurityRequirement(), bearer] : [bearer];
            }
            AddExamples(operation, metadata, context.ApplicationServices);
            operation.Responses ??= [];
            foreach (var byStatus in contract.Problems.GroupBy(p => p.Status).OrderBy(g => g.Key))
            {
                operation.Responses[byStatus.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                    ProblemResponse(byStatus.ToList(), context.Document);
            }
            return Task.CompletedTask;
        });
    }

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Verifications"] = "One-time codes: sent, checked, canceled.",
        ["Messages"] = "Notifications and marketing messages, and what became of every message.",
        ["Inbound"] = "Replies to the tenant's signatures, and the opt-outs they make.",
        ["Sandbox"] = "Test numbers whose messages land in an inbox instead of a phone.",
        ["Qualifications"] = "Who sends: the tenant's personal or enterprise qualification and its real-person check.",
        ["Landing applications"] = "The website, app or mini program the codes are for.",
        ["Signatures"] = "The names in 【】 that messages are sent under.",
        ["Templates"] = "The texts messages are sent from, one scenario each.",
        ["Review"] = "Auditors' decisions on submissions (auditor keys).",
        ["Webhooks"] = "Where message and verification events are posted, signed.",
        ["Captcha"] = "Proof-of-work challenges that guard a tenant's verification requests.",
        ["Rate limits"] = "A tenant's own limits on keys it sends with each verification.",
        ["Risk"] = "Bombing, pumping and content incidents, circuit breakers and number-block blocks.",
        ["Billing"] = "Prepaid balances, prices and daily spend caps.",
        ["API keys"] = "A tenant's keys for this API.",
        ["API credentials"] = "A tenant's credentials for the Alibaba Cloud, Tencent Cloud and Twilio compatible APIs.",
        ["SMPP"] = "Accounts a tenant's own gateway binds to the SMPP listener with (see docs/smpp-listener.md).",
        ["Tenants"] = "The senders on the platform (admin keys).",
        ["Operators"] = "Operator keys and the accounts of the people who run the platform (admin keys).",
        ["Channels"] = "Carrier channels and the send queue (admin keys).",
        ["Audit"] = "The tamper-evident audit trail (auditor keys).",
        ["Policy"] = "The platform's rules in force.",
    };

    // Examples are real values serialized as the API serializes them, so they cannot disagree with the schema.
    private static void AddExamples(OpenApiOperation operation, IList<object> metadata, IServiceProvider services)
    {
        var api = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        // Optional members left out of a request example read as what they are: optional. Answers show every member.
        var request = new JsonSerializerOptions(api) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        var requestType = metadata.OfType<IAcceptsMetadata>().FirstOrDefault()?.RequestType;
        foreach (var example in metadata.OfType<ExampleMetadata>())
        {
            var isRequest = example.Value.GetType() == requestType;
            var value = JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), isRequest ? request : api);
            var content = isRequest
                ? operation.RequestBody?.Content
                : operation.Responses?.Where(r => r.Key.StartsWith('2')).Select(r => r.Value.Content).FirstOrDefault(c => c is not null);
            if (content?.TryGetValue("application/json", out var media) == true)
            {
                media.Example = value;
            }
        }
    }

    private static OpenApiResponse ProblemResponse(List<ProblemType> problems, OpenApiDocument? document) => new()
    {
        Description = string.Join("; ", problems.Select(p => $"`{p.Code}`: {p.Title}")),
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new()
            {
                Schema = new OpenApiSchemaReference(ProblemSchema, document),
                Examples = problems.ToDictionary(p => p.Code, p => (IOpenApiExample)new OpenApiExample
                {
                    Summary = p.Title,
                    Value = new JsonObject
                    {
                        ["type"] = p.TypeUri,
                        ["title"] = p.Title,
                        ["status"] = p.Status,
                        ["detail"] = p.Description,
                        ["code"] = p.Code,
                    },
                }),
            },
        },
    };

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. Some codes add members of their own (`field`, `variable`, `verificationStatus`, …).",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "`/problems/{code}`, which explains the problem." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong this time." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "Stable and machine-readable: never renamed.",
                Enum = ProblemTypes.ByCode.Keys.Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)!).ToList(),
            },
            ["field"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The input at fault, when one is." },
            ["retryAfter"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Seconds to wait, as the `Retry-After` header says." },
        },
    };
}
