namespace SmsVerify.Server.Infrastructure;

/// <summary>
/// Makes the server also listen on extra ports (a vendor API's, the metrics scrape's). Kestrel takes its addresses
/// either from <c>urls</c> (with <c>ASPNETCORE_URLS</c>, <c>--urls</c> and <c>HTTP_PORTS</c> feeding it) or from
/// <c>Kestrel:Endpoints</c>, never both, so a port is added to whichever the operator uses: the main addresses keep
/// working as configured. An extra port listens on the same hosts as the main addresses, so it is exposed no wider
/// than they are.
/// </summary>
internal static class ExtraListeners
{
    private const string Endpoints = "Kestrel:Endpoints";

    /// <param name="name">Names the added <c>Kestrel:Endpoints</c> entries, so two callers' entries do not collide.</param>
    public static void AddTo(IConfiguration configuration, string name, IReadOnlyCollection<int> ports)
    {
        if (ports.Count == 0)
        {
            return;
        }
        var endpoints = configuration.GetSection(Endpoints);
        if (endpoints.Exists())
        {
            var main = endpoints.GetChildren().Select(e => e["Url"]).OfType<string>().ToList();
            foreach (var (url, index) in Urls(main, ports).Select((u, i) => (u, i)))
            {
                configuration[$"{Endpoints}:{name}{index}:Url"] = url;
            }
            return;
        }
        var urls = MainUrls(configuration);
        configuration[WebHostDefaults.ServerUrlsKey] = string.Join(';', urls.Concat(Urls(urls, ports)));
    }

    /// <summary>The addresses the server would listen on without extra ports, as ASP.NET Core picks them.</summary>
    private static List<string> MainUrls(IConfiguration configuration)
    {
        if (Split(configuration[WebHostDefaults.ServerUrlsKey]) is { Count: > 0 } urls)
        {
            return urls;
        }
        var fromPorts = Split(configuration[WebHostDefaults.HttpPortsKey]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration[WebHostDefaults.HttpsPortsKey]).Select(p => $"https://*:{p}")).ToList();
        return fromPorts.Count > 0 ? fromPorts : ["http://localhost:5000"];
    }

    /// <summary>One plain-HTTP address per port on each host the main addresses use.</summary>
    private static IEnumerable<string> Urls(IEnumerable<string> main, IReadOnlyCollection<int> ports)
    {
        var hosts = main.Select(u => Microsoft.AspNetCore.Http.BindingAddress.Parse(u).Host).Distinct(StringComparer.OrdinalIgnoreCase).DefaultIfEmpty("*").ToList();
        return ports.SelectMany(port => hosts.Select(host => $"http://{host}:{port}"));
    }

    private static List<string> Split(string? list) =>
        [.. (list ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
