using SmsVerify.Server.Infrastructure.Problems;

namespace SmsVerify.Server.WebConsole;

/// <summary>
/// Why a console form was refused, as the API would have answered it: the problem code, its detail and the field at
/// fault (from the <c>field</c> member of an <c>invalid_argument</c>), so the page shows it next to that field.
/// </summary>
public sealed record FormProblem(string Code, string Detail, string? Field)
{
    public static FormProblem From(ApiError error) =>
        new(error.Type.Code, error.Detail, error.Extensions?.GetValueOrDefault("field") as string);

    /// <summary>This problem if it is about <paramref name="field"/>, for the message under that field.</summary>
    public FormProblem? At(string field) => Field == field ? this : null;

    /// <summary>This problem if the form has no field for it (it goes above the form then).</summary>
    public FormProblem? Unplaced(params string[] fields) => Field is null || !fields.Contains(Field) ? this : null;
}
