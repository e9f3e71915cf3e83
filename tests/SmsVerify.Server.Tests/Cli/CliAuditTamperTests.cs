using Microsoft.EntityFrameworkCore;
using SmsVerify.Cli;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Cli;

/// <summary>A chain altered in the database fails <c>audit verify</c>: on an app of its own, since the tampering is for good.</summary>
public sealed class CliAuditTamperTests
{
    [Fact]
    public async Task AuditVerify_RecordAlteredInTheDatabase_NamesItAndExitsFour()
    {
        await using var app = await SmsVerifyApp.StartAsync([]);
        using var cli = new CliRunner(app);
        var victim = await app.CreateTenantAsync(name: "Victim");
        await app.CreateTenantAsync(name: "After");
        var sequence = await app.WithDbAsync(db => db.AuditRecords.Where(r => r.Target == $"tenant:{victim.Id}").Select(r => r.Sequence).SingleAsync());
        await app.WithDbAsync(db => db.AuditRecords.Where(r => r.Sequence == sequence)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Detail, "kind=Personal")));

        var verified = await cli.AsOperatorAsync("audit", "verify");

        Assert.Equal(ExitCodes.CheckFailed, verified.ExitCode);
        Assert.Contains($"breaks at record {sequence}", verified.Out);
        var json = await cli.AsOperatorAsync("audit", "verify", "--json");
        Assert.Equal((ExitCodes.CheckFailed, false), (json.ExitCode, json.Json.GetProperty("valid").GetBoolean()));
    }
}
