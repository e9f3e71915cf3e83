namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>The template and signature calls, onto the native templates and signatures.</summary>
internal static class AlibabaTemplates
{
    public static bool Handles(string action) => false;

    public static Task<AlibabaOutcome> HandleAsync(string action, AlibabaCall call, CancellationToken cancellationToken) =>
        Task.FromResult<AlibabaOutcome>(AlibabaError.ActionNotFound(action));
}
