namespace SmsVerify.Server.RealPerson;

/// <summary>The <c>RealPerson</c> section: which provider checks faces by default, and whether the sandbox may.</summary>
public sealed class RealPersonOptions
{
    /// <summary>The provider used when a request names none.</summary>
    public string DefaultProvider { get; set; } = ManualRealPersonProvider.ProviderName;

    /// <summary>
    /// Lets sandbox tenants verify themselves with the sandbox provider. Off by default: a result nobody looked at
    /// must not count towards a live qualification unless the operator runs a test server and says so.
    /// </summary>
    public bool AllowSandbox { get; set; }
}
