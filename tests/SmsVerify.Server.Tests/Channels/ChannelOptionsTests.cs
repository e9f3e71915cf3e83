using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmsVerify.Server.Channels;

namespace SmsVerify.Server.Tests.Channels;

public sealed class ChannelOptionsTests
{
    private static ChannelOptions Valid(string name = "cmcc") => new() { Name = name, Host = "smsc.example", SystemId = "acme", Password = "secret" };

    [Fact]
    public void ACompleteChannel_HasNoErrors() =>
        Assert.Empty(ChannelOptionsValidator.Errors([Valid("a"), Valid("b")]));

    [Theory]
    [InlineData("host", "Channels:0 (cmcc): Host is required.")]
    [InlineData("port", "Channels:0 (cmcc): Port 70000 is not 1–65535.")]
    [InlineData("carrier", "Channels:0 (cmcc): Carriers has 'Mobile'; use ChinaMobile, ChinaUnicom, ChinaTelecom, ChinaBroadnet, Other.")]
    [InlineData("name", "Channels:0: Name is required.")]
    [InlineData("sandbox", "Channels:0 (Sandbox): Name 'sandbox' is the built-in sandbox carrier.")]
    [InlineData("binds", "Channels:0 (cmcc): Binds 0 is not 1–64.")]
    [InlineData("rate", "Channels:0 (cmcc): Breaker ErrorRate is above 0 and at most 1.")]
    [InlineData("systemid", "Channels:0 (cmcc): SystemId is required, at most 15 characters.")]
    public void ABadSetting_IsNamedWithItsChannel(string fault, string message)
    {
        var channel = Valid();
        switch (fault)
        {
            case "host": channel.Host = ""; break;
            case "port": channel.Port = 70000; break;
            case "carrier": channel.Carriers = ["ChinaMobile", "Mobile"]; break;
            case "name": channel.Name = ""; break;
            case "sandbox": channel.Name = "Sandbox"; break;
            case "binds": channel.Binds = 0; break;
            case "rate": channel.Breaker.ErrorRate = 1.5; break;
            case "systemid": channel.SystemId = new string('x', 16); break;
        }
        Assert.Equal([message], ChannelOptionsValidator.Errors([channel]));
    }

    [Fact]
    public void DuplicateNames_AreRefused_WhateverTheirCase() =>
        Assert.Equal(["Channels:1 (CMCC): Name 'CMCC' is used by another channel."], ChannelOptionsValidator.Errors([Valid("cmcc"), Valid("CMCC")]));

    [Fact]
    public async Task HostWithABadChannel_DoesNotStart_AndSaysWhy()
    {
        // A bare host with only the channels wired, bound from configuration as the server binds it.
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:0:Name"] = "cmcc",
            ["Channels:0:SystemId"] = "acme",
            ["Channels:0:Port"] = "0",
        });
        builder.Services.AddSingleton(TimeProvider.System); // the server's infrastructure registers it
        builder.AddChannels();
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Channels:0 (cmcc): Host is required.", error.Failures);
        Assert.Contains("Channels:0 (cmcc): Port 0 is not 1–65535.", error.Failures);
    }
}
