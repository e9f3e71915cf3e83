namespace SmsVerify.Server.Infrastructure.Problems;

/// <summary>A value or the expected failure that prevented it.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, ApiError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public ApiError? Error { get; }

    /// <summary>For values C# will not convert implicitly (interfaces).</summary>
    public static Outcome<T> Of(T value) => new(value, null);

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(ApiError error) => new(default, error);
}
