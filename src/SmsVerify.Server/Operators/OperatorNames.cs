using System.Text.RegularExpressions;

namespace SmsVerify.Server.Operators;

/// <summary>The shape of operators' names and passwords, and how the audit trail names a person.</summary>
public static partial class OperatorNames
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 128;

    /// <summary>Trimmed and lower case, or null when it is not 2–64 of letters, digits, <c>.</c>, <c>_</c> and <c>-</c>.</summary>
    public static string? Normalise(string? userName) =>
        userName?.Trim().ToLowerInvariant() is { } name && Shape().IsMatch(name) ? name : null;

    /// <summary>The actor the audit trail records for a person: <c>operator:alice</c>.</summary>
    public static string Actor(string userName) => Tenants.Caller.PersonActor(userName);

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex Shape();
}
