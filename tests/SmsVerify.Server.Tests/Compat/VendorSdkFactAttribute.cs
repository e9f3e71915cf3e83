namespace SmsVerify.Server.Tests.Compat;

/// <summary>
/// A test that drives a vendor's official Node.js SDK. Skipped, with the reason, when `node` is not on PATH or the
/// SDKs are not installed (`npm ci --prefix tests/SmsVerify.Server.Tests/Compat/sdk`; CI does this).
/// </summary>
public sealed class VendorSdkFactAttribute : FactAttribute
{
    public VendorSdkFactAttribute()
    {
        if (VendorSdk.FindNode() is null)
        {
            Skip = "node is not on PATH: the vendor SDK tests cannot run";
        }
        else if (VendorSdk.FindDirectory() is not { } directory
            || !Directory.Exists(Path.Combine(directory, "node_modules", "twilio")))
        {
            Skip = "the vendor SDKs are not installed: run npm ci --prefix tests/SmsVerify.Server.Tests/Compat/sdk";
        }
    }
}
