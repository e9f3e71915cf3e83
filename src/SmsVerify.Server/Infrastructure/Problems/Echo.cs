namespace SmsVerify.Server.Infrastructure.Problems;

public static class Echo
{
    /// <summary>Echoing input back in an error is helpful; echoing a megabyte of it is not.</summary>
    public static string Truncate(string? value) => value is null ? "" : value.Length <= 40 ? value : value[..40] + "…";
}
