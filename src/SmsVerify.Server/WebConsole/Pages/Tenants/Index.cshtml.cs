using Microsoft.AspNetCore.Mvc.RazorPages;
using SmsVerify.Server.Tenants;

namespace SmsVerify.Server.WebConsole.Pages.Tenants;

/// <summary>Every tenant, newest first, a page of <see cref="PageSize"/> at a time, found by a part of its name.</summary>
public sealed class TenantsIndexModel(TenantDirectory directory) : PageModel
{
    public const int PageSize = 50;
    public const int MaxPageNumber = 10_000;

    public List<TenantView> Tenants { get; private set; } = [];

    public string? Name { get; private set; }

    public int PageNumber { get; private set; }

    public bool HasNext { get; private set; }

    public async Task OnGetAsync(string? name, int? page, CancellationToken cancellationToken)
    {
        Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim() is var n && n.Length > TenantsApi.MaxNameLength ? n[..TenantsApi.MaxNameLength] : n;
        PageNumber = Math.Clamp(page ?? 1, 1, MaxPageNumber);
        // One row more than a page says whether another page follows.
        var rows = await directory.ListAsync(Name, PageSize + 1, (PageNumber - 1) * PageSize, cancellationToken);
        HasNext = rows.Count > PageSize;
        Tenants = HasNext ? rows[..PageSize] : rows;
    }

    public string PageLink(int page) =>
        $"/console/tenants?page={page}" + (Name is null ? "" : $"&name={Uri.EscapeDataString(Name)}");
}
