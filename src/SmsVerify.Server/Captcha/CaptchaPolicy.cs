namespace SmsVerify.Server.Captcha;

/// <summary>When a tenant's verification sends must carry a solved captcha.</summary>
public enum CaptchaPolicy
{
    /// <summary>Never required (the default); one that is sent is still checked.</summary>
    Off,

    /// <summary>Required on every send.</summary>
    Always,

    /// <summary>Required when the send path has raised the request's risk.</summary>
    OnRisk,
}

/// <summary>The policy names of the API and the database: <c>off</c>, <c>always</c>, <c>on-risk</c>.</summary>
public static class CaptchaPolicyNames
{
    public const int MaxLength = 16;

    public static readonly string[] All = [Name(CaptchaPolicy.Off), Name(CaptchaPolicy.Always), Name(CaptchaPolicy.OnRisk)];

    public static string Name(CaptchaPolicy policy) => policy switch
    {
        CaptchaPolicy.Always => "always",
        CaptchaPolicy.OnRisk => "on-risk",
        _ => "off",
    };

    public static bool TryParse(string? name, out CaptchaPolicy policy)
    {
        // on_risk too: the rest of the API writes its names in snake case, and a client may guess that spelling.
        (var known, policy) = name?.Trim().ToLowerInvariant() switch
        {
            "off" => (true, CaptchaPolicy.Off),
            "always" => (true, CaptchaPolicy.Always),
            "on-risk" or "on_risk" => (true, CaptchaPolicy.OnRisk),
            _ => (false, CaptchaPolicy.Off),
        };
        return known;
    }
}
