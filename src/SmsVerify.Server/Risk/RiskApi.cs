using Microsoft.AspNetCore.Http.HttpResults;
using SmsVerify.Server.Infrastructure.Contract;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.Risk.Breakers;
using SmsVerify.Server.Risk.Content;
using SmsVerify.Server.Risk.Incidents;
using SmsVerify.Server.Risk.Pumping;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.Risk;

public sealed record ScoreRequest(string? Text);

/// <summary>Risk officers' tools: try any text against the content scorer the send path uses; breakers; incidents.</summary>
public static class RiskApi
{
    public static RouteGroupBuilder MapRisk(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/risk").WithTags("Risk").RequireAuthorization(Policies.Risk);
        group.MapPost("/score", Score)
            .Example(new ScoreRequest("您的验证码为482916，5分钟内有效。"))
            .Describe("scoreText", "Score a text", "What the content checks make of a text: its verdict, score and the reasons, nothing sent.");
        // Under /v1/risk too, but open to tenants for their own blocks, so not in the risk officers' group.
        routes.MapRiskBlocks();
        group.MapBreakers(routes);
        group.MapIncidents();
        return group;
    }

    private static Results<Ok<ContentVerdict>, ApiProblem> Score(ScoreRequest request, TextScoring scoring)
    {
        var scored = scoring.Score(request.Text);
        return scored.Error is { } error ? error.ToResult() : TypedResults.Ok(scored.Value!);
    }
}
