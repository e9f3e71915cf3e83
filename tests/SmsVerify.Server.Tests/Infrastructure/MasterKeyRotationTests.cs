using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Compat.Credentials;
using SmsVerify.Server.Infrastructure.Security;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Infrastructure;

/// <summary>
/// Rotating the master key as docs/operations.md says: restart with the new key and the old one accepted, let the
/// re-seal pass run, then restart with the new key alone. Everything sealed or hashed before still works at the end.
/// </summary>
public sealed class MasterKeyRotationTests : IAsyncLifetime
{
    private const string Phone = "+8613800138000";
    private static readonly string OldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly TestDatabase _store = new();

    public Task InitializeAsync() => _store.CreateAsync();

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();

    [Fact]
    public async Task ConfiguredKeyRotated_WhatWasSealedBeforeWorksUnderTheNewKeyAlone()
    {
        var before = await SealEverythingAsync(new() { ["Security:MasterKey"] = OldKey });

        await ResealAsync(new() { ["Security:MasterKey"] = NewKey, ["Security:AcceptedMasterKeys:0"] = OldKey });

        await AssertEverythingOpensAsync(new() { ["Security:MasterKey"] = NewKey }, before);
    }

    [Fact]
    public async Task GeneratedKeyReplacedByAConfiguredOne_TheStoredKeyIsAcceptedUntilItIsDeleted()
    {
        var before = await SealEverythingAsync([]);

        // No accepted keys named: the key the database kept is the old one.
        await ResealAsync(new() { ["Security:MasterKey"] = NewKey });
        await using (var db = _store.Open())
        {
            await db.ServerSecrets.ExecuteDeleteAsync();
        }

        await AssertEverythingOpensAsync(new() { ["Security:MasterKey"] = NewKey }, before);
    }

    [Fact]
    public async Task QueuedMessage_ItsTextSealedUnderTheOldKey_OpensUnderTheNewKeyAlone()
    {
        // No worker, so the message stays queued with its text sealed.
        Dictionary<string, string?> noWorker = new() { ["Delivery:RunWorker"] = "false" };
        Guid messageId;
        await using (var before = Server(new(noWorker) { ["Security:MasterKey"] = OldKey }))
        {
            messageId = await before.SendNotificationAsync("+8613912345678");
        }

        await ResealAsync(new(noWorker) { ["Security:MasterKey"] = NewKey, ["Security:AcceptedMasterKeys:0"] = OldKey });

        await using var after = Server(new(noWorker) { ["Security:MasterKey"] = NewKey });
        var sealedText = await after.WithDbAsync(db => db.Messages.Where(m => m.Id == messageId).Select(m => m.TextSeal).SingleAsync());
        Assert.Contains("您的订单7已发货", after.Services.GetRequiredService<MessageTexts>().Open(messageId, sealedText!));
    }

    [Fact]
    public async Task NoKeyConfigured_AndNoneStoredForDataSealedEarlier_TheServerRefusesToStart()
    {
        await SealEverythingAsync(new() { ["Security:MasterKey"] = OldKey });

        await using var unkeyed = Server([]);
        var refused = Assert.ThrowsAny<Exception>(() => unkeyed.Operator());
        Assert.Contains("Security:MasterKey is not set", refused.ToString());
    }

    private sealed record Sealed(TestTenant Tenant, string VerificationId, string Code, string QualificationId, string WebhookSecret, string KeyId, string VendorSecret);

    private SmsVerifyApp Server(Dictionary<string, string?> settings)
    {
        var app = SmsVerifyApp.OnStore(_store);
        app.Settings["Webhooks:AllowHttp"] = "true";
        app.Settings["Webhooks:AllowPrivateNetworks"] = "true";
        foreach (var (key, value) in settings)
        {
            app.Settings[key] = value;
        }
        return app;
    }

    /// <summary>A pending code, an identity number with its licence, a webhook secret and a vendor credential.</summary>
    private async Task<Sealed> SealEverythingAsync(Dictionary<string, string?> settings)
    {
        await using var app = Server(settings);
        var tenant = await app.CreateTenantAsync();
        await tenant.RegisterNumberAsync(Phone);
        var verification = (await tenant.StartOkAsync(Phone)).Str("id");
        var qualification = await tenant.SubmitQualificationAsync(Submissions.Enterprise());
        var webhook = await (await tenant.Http.PutJsonAsync("/v1/webhooks", new { url = "http://127.0.0.1:9/hook" })).OkAsync();
        var credential = await (await tenant.Http.PostJsonAsync("/v1/api-credentials", new { vendor = "alibaba" })).OkAsync(HttpStatusCode.Created);
        return new Sealed(tenant, verification, await tenant.LatestCodeAsync(Phone), qualification, webhook.Str("secret"), credential.Str("keyId"), credential.Str("secret"));
    }

    /// <summary>A node restarted on the new key runs its pass; afterwards no value needs an older key.</summary>
    private async Task ResealAsync(Dictionary<string, string?> settings)
    {
        await using var app = Server(settings);
        await app.WithDbAsync(db => app.Services.GetRequiredService<MasterKeyRotation>().ResealAsync(db, CancellationToken.None));

        var again = await app.WithDbAsync(db => app.Services.GetRequiredService<MasterKeyRotation>().ResealAsync(db, CancellationToken.None));
        Assert.Equal(new ResealTally(0, 0), again);
    }

    private async Task AssertEverythingOpensAsync(Dictionary<string, string?> settings, Sealed before)
    {
        await using var app = Server(settings);
        var tenant = before.Tenant with { Http = app.WithKey(before.Tenant.ApiKey) };

        // The code sent before the rotation still checks: its hash was made again under the new key.
        var checkedCode = await (await tenant.CheckAsync(before.VerificationId, before.Code)).OkAsync();
        Assert.Equal("approved", checkedCode.Str("status"));
        var licence = await tenant.Http.GetAsync($"/v1/qualifications/{before.QualificationId}/documents/licence");
        Assert.Equal(Submissions.Jpeg, await licence.Content.ReadAsByteArrayAsync());
        var personalData = app.Services.GetRequiredService<PersonalData>();
        var row = await app.WithDbAsync(db => db.Qualifications.AsNoTracking().SingleAsync(q => q.Id == Guid.Parse(before.QualificationId)));
        Assert.Equal(Submissions.IdNumber, personalData.Unseal(row.Id, row.IdNumberSealed));
        var endpoint = await app.WithDbAsync(db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.TenantId == tenant.Id));
        Assert.Equal(before.WebhookSecret, personalData.Unseal(tenant.Id, endpoint.SecretSealed));
        var caller = await app.Services.GetRequiredService<VendorCredentials>().FindAsync(Vendor.Alibaba, before.KeyId, CancellationToken.None);
        Assert.Equal(before.VendorSecret, caller!.Secret);
    }
}
