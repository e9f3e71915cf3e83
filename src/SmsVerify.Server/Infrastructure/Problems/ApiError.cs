namespace SmsVerify.Server.Infrastructure.Problems;

/// <summary>An expected failure as a value: its type, what went wrong this time, and optional extra members.</summary>
public sealed record ApiError(ProblemType Type, string Detail)
{
    /// <summary>Sent as the <c>Retry-After</c> header (whole seconds, rounded up) when set.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Extra members of the problem body, such as the field at fault or a verification's status.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    public ApiProblem ToResult() => new(this);

    public static implicit operator ApiProblem(ApiError error) => new(error);
}
