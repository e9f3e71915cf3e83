using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsVerify.Client;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Client;

public sealed class ClientServicesTests : IAsyncLifetime
{
    private readonly SmsVerifyApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AddSmsVerifyClient_ResolvesAClientThatCallsTheServerWithTheKey()
    {
        var tenant = await _app.CreateTenantAsync();
        var services = new ServiceCollection();
        services.AddSmsVerifyClient(o =>
        {
            o.BaseAddress = new Uri("http://localhost/");
            o.ApiKey = tenant.ApiKey;
        }).ConfigurePrimaryHttpMessageHandler(() => _app.Server.CreateHandler());
        await using var provider = services.BuildServiceProvider();

        var balance = await provider.GetRequiredService<SmsVerifyClient>().GetBalanceAsync();

        Assert.Equal((tenant.Id, 0m), (balance.TenantId, balance.Balance));
    }

    [Fact]
    public async Task AddSmsVerifyClient_WithoutAKey_FailsWhenResolved()
    {
        var services = new ServiceCollection();
        services.AddSmsVerifyClient(o => o.BaseAddress = new Uri("https://sms.example.com/"));
        await using var provider = services.BuildServiceProvider();

        var invalid = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<SmsVerifyClient>());
        Assert.Contains("ApiKey", invalid.Message);
    }
}
