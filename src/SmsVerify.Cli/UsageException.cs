namespace SmsVerify.Cli;

/// <summary>A command line that parsed but cannot run: no server or key anywhere, a bad <c>k=v</c>, a missing file.</summary>
public sealed class UsageException(string message) : Exception(message);
