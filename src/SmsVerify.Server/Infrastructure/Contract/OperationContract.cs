using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.Infrastructure.Contract;

/// <summary>The problems an operation answers beyond those every operation of its kind answers; see <see cref="ContractExtensions.Answers"/>.</summary>
public sealed record ProblemsMetadata(IReadOnlyList<ProblemType> Problems);

/// <summary>An example body for the OpenAPI document; see <see cref="ContractExtensions.Example"/>.</summary>
public sealed record ExampleMetadata(object Value);

/// <summary>
/// Every status one operation of the API can answer: its successes, and its problems with their codes. The OpenAPI
/// document is written from it, and the tests check every answer against it, so the two cannot drift apart.
/// </summary>
public sealed record OperationContract(IReadOnlySet<int> Successes, IReadOnlySet<int> OtherStatuses, IReadOnlyList<ProblemType> Problems)
{
    /// <summary>Answered by any request before it reaches an operation; the document says so once, in its description.</summary>
    public static readonly IReadOnlyList<ProblemType> Transport = [ProblemTypes.UriTooLong, ProblemTypes.HeadersTooLarge];

    public bool Allows(int status, string? code) =>
        Successes.Contains(status)
        || (code is null ? OtherStatuses.Contains(status) || Problems.Any(p => p.Status == status) : Problems.Any(p => p.Code == code))
        || Transport.Any(p => p.Status == status && (code is null || p.Code == code));

    /// <summary>The contract of an endpoint of the documented API, or null for anything else (pages, vendor APIs).</summary>
    public static OperationContract? Of(Endpoint endpoint) =>
        endpoint is RouteEndpoint route && route.RoutePattern.RawText?.StartsWith("/v1/", StringComparison.Ordinal) == true
            && endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true }
            ? Of(endpoint.Metadata, route.RoutePattern.Parameters.Count > 0)
            : null;

    public static OperationContract Of(IReadOnlyList<object> metadata, bool hasRouteValues)
    {
        var handler = metadata.OfType<MethodInfo>().LastOrDefault();
        var produced = metadata.OfType<IProducesResponseTypeMetadata>().Select(p => p.StatusCode).ToHashSet();
        var successes = produced.Where(s => s is >= 200 and < 300).ToHashSet();
        if (successes.Count == 0)
        {
            successes.Add(200); // what the document generator assumes of a handler that says nothing
        }
        var problems = new List<ProblemType>();
        var takesBody = metadata.OfType<IAcceptsMetadata>().Any();
        if (takesBody || hasRouteValues || handler?.GetParameters().Any(IsValueFromRequest) == true)
        {
            problems.Add(ProblemTypes.InvalidArgument);
        }
        if (takesBody)
        {
            problems.AddRange([ProblemTypes.InvalidBody, ProblemTypes.RequestTimeout, ProblemTypes.BodyTooLarge, ProblemTypes.UnsupportedMediaType]);
        }
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            problems.AddRange([ProblemTypes.Unauthorized, ProblemTypes.Forbidden]);
        }
        problems.AddRange(metadata.OfType<ProblemsMetadata>().SelectMany(m => m.Problems));
        problems.Add(ProblemTypes.StoreUnavailable);
        return new OperationContract(successes, produced.Where(s => s >= 300).ToHashSet(), problems.Distinct().ToList());
    }

    // A query or route value of a simple type can fail to parse; services, the caller and the cancellation token cannot.
    private static bool IsValueFromRequest(ParameterInfo parameter)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(decimal);
    }
}

public static class ContractExtensions
{
    /// <summary>Declares the problems this operation (or every operation of a group) can answer.</summary>
    public static TBuilder Answers<TBuilder>(this TBuilder builder, params ProblemType[] problems) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemsMetadata(problems));

    /// <summary>An example of the operation's request body or successful answer, shown in the OpenAPI document.</summary>
    public static RouteHandlerBuilder Example(this RouteHandlerBuilder builder, object example) =>
        builder.WithMetadata(new ExampleMetadata(example));

    /// <summary>The operation's id, one-line summary and description in the OpenAPI document.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, string operationId, string summary, string description) =>
        builder.WithName(operationId).WithSummary(summary).WithDescription(description);
}
