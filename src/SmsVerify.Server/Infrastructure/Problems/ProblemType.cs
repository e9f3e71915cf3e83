namespace SmsVerify.Server.Infrastructure.Problems;

/// <summary>
/// One kind of expected failure. <see cref="Code"/> is the stable, machine-readable name clients switch on;
/// the title and description are for people. Each is documented in docs/problems.md and served at
/// <c>/problems/{code}</c>, which is the problem's RFC 9457 <c>type</c>.
/// </summary>
public sealed record ProblemType(string Code, int Status, string Title, string Description)
{
    public string TypeUri => $"/problems/{Code}";

    public ApiError With(string detail) => new(this, detail);
}
