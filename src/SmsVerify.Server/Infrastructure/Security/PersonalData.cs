using System.Text;

namespace SmsVerify.Server.Infrastructure.Security;

/// <summary>
/// Identity numbers at rest: sealed (the owning record's id as associated data) for the auditor who must compare
/// them, and masked for everyone else.
/// </summary>
public sealed class PersonalData(ServerKeys keys)
{
    public byte[] Seal(Guid recordId, string value) => Sealing.Seal(keys.PersonalData, Encoding.UTF8.GetBytes(value), recordId.ToByteArray());

    public string Unseal(Guid recordId, byte[] sealedBytes) => Encoding.UTF8.GetString(Sealing.Open(keys.PersonalData, sealedBytes, recordId.ToByteArray()));

    /// <summary>The first six and last four characters, as Chinese platforms show ID numbers: 110105********002X.</summary>
    public static string Mask(string value) =>
        value.Length <= 10 ? new string('*', value.Length) : value[..6] + new string('*', value.Length - 10) + value[^4..];
}
