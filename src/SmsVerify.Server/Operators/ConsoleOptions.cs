using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Operators;

/// <summary>How people sign in to the console (<c>Console</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>A session unused this long ends; each request within it extends it.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed sign-ins in a row that lock the account.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    /// <summary>How long a locked account refuses every sign-in, right or wrong.</summary>
    public TimeSpan LockoutTime { get; set; } = TimeSpan.FromMinutes(15);
}
