using SmsVerify.Server.Compat.Credentials;

namespace SmsVerify.Server.Compat.Alibaba;

/// <summary>An authenticated call: who made it, its parameters, the id its answer carries, and the request's services.</summary>
internal sealed record AlibabaCall(VendorCaller Caller, AlibabaRequest Request, string RequestId, IServiceProvider Services)
{
    public string? this[string name] => Request[name];
}

/// <summary>A call's answer body (serialised with its PascalCase names), or the Alibaba error instead.</summary>
internal readonly struct AlibabaOutcome
{
    private AlibabaOutcome(object? value, AlibabaError? error)
    {
        Value = value;
        Error = error;
    }

    public object? Value { get; }
    public AlibabaError? Error { get; }

    public static AlibabaOutcome Ok(object body) => new(body, null);

    public static implicit operator AlibabaOutcome(AlibabaError error) => new(null, error);
}

/// <summary>A value read from a call's parameters, or the Alibaba error that refuses the call instead.</summary>
internal readonly struct AlibabaOutcomeOf<T>
{
    private AlibabaOutcomeOf(T? value, AlibabaError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public AlibabaError? Error { get; }

    public static implicit operator AlibabaOutcomeOf<T>(T value) => new(value, null);

    public static implicit operator AlibabaOutcomeOf<T>(AlibabaError error) => new(default, error);
}
