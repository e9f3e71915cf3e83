namespace SmsVerify.Cli;

/// <summary>What <c>smsverify</c> exits with, so a script can tell its cases apart (docs/cli.md lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server answered with a problem: its code and detail are printed.</summary>
    public const int Problem = 1;

    /// <summary>The command line was wrong, or no server or key was given.</summary>
    public const int Usage = 2;

    /// <summary>The server could not be reached, or refused the key (401 or 403).</summary>
    public const int Unreachable = 3;

    /// <summary>The call worked and the answer is a "no": a pre-check finding blocks, the audit chain breaks, a code is wrong.</summary>
    public const int CheckFailed = 4;
}
