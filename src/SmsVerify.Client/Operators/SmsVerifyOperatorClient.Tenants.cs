using System.Globalization;

namespace SmsVerify.Client;

public sealed partial class SmsVerifyOperatorClient
{
    /// <summary>Creates a tenant (<c>personal</c> or <c>enterprise</c>) in sandbox mode, with its first key, shown once. Admin keys only.</summary>
    public Task<CreatedTenant> CreateTenantAsync(string name, string kind, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Post("v1/tenants", SmsVerifyClient.Json(new CreateTenantBody(name, kind), ClientJson.Default.CreateTenantBody)),
            ClientJson.Default.CreatedTenant, cancellationToken);

    /// <summary>Tenants newest first; <paramref name="name"/> matches part of the name in any case.</summary>
    public Task<List<Tenant>> ListTenantsAsync(string? name = null, int? limit = null, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Get("v1/tenants" + SmsVerifyClient.QueryString(("name", name), ("limit", limit?.ToString(CultureInfo.InvariantCulture)))),
            ClientJson.Default.ListTenant, cancellationToken);

    public Task<Tenant> GetTenantAsync(Guid id, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Get($"v1/tenants/{id}"), ClientJson.Default.Tenant, cancellationToken);

    /// <summary>Refuses every send of the tenant until it is resumed; its keys still read. Doing it twice does no more.</summary>
    public Task<Tenant> SuspendTenantAsync(Guid id, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Post($"v1/tenants/{id}/suspend", repeatable: true), ClientJson.Default.Tenant, cancellationToken);

    public Task<Tenant> ResumeTenantAsync(Guid id, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Post($"v1/tenants/{id}/resume", repeatable: true), ClientJson.Default.Tenant, cancellationToken);

    /// <summary>Creates an operator key of one role (<c>admin</c>, <c>auditor</c> or <c>risk</c>), shown once.</summary>
    public Task<CreatedOperatorKey> CreateOperatorKeyAsync(string role, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Post("v1/operators/keys", SmsVerifyClient.Json(new CreateOperatorKeyBody(role), ClientJson.Default.CreateOperatorKeyBody)),
            ClientJson.Default.CreatedOperatorKey, cancellationToken);

    public Task<List<OperatorKey>> ListOperatorKeysAsync(CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Get("v1/operators/keys"), ClientJson.Default.ListOperatorKey, cancellationToken);

    /// <summary>The key stops working at once; the last admin key is refused (<c>409 last_api_key</c>).</summary>
    public Task DeleteOperatorKeyAsync(Guid id, CancellationToken cancellationToken = default) =>
        _calls.SendAsync(ApiCall.Delete($"v1/operators/keys/{id}"), cancellationToken);
}
