using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Infrastructure;

public sealed class StartupTests
{
    [Fact]
    public async Task FirstStart_WithoutConfiguredOperatorKey_GeneratesOneAndKeepsOnlyItsHash()
    {
        await using var app = await SmsVerifyApp.StartAsync(new() { ["Operator:ApiKey"] = "" });
        _ = app.Services; // starts the server

        var operatorKeys = await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Role == "admin").ToListAsync());
        var key = Assert.Single(operatorKeys);
        Assert.StartsWith("svo_", key.Prefix);
        Assert.Equal(32, key.Hash.Length);
        // The test suite's usual operator key is not configured here, so it is refused.
        await (await app.Operator().GetAsync($"/v1/tenants/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task LastAdminKeyInTheDatabase_WithoutConfiguredKey_CannotBeDeleted()
    {
        await using var app = await SmsVerifyApp.StartAsync(new() { ["Operator:ApiKey"] = "" });
        _ = app.Services;
        var generated = await app.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Role == "admin"));
        // The generated key was printed, not returned; act through a second admin key made in the database.
        var key = SmsVerify.Server.Tenants.ApiKeySecrets.New("svo_");
        await app.WithDbAsync(async db =>
        {
            db.ApiKeys.Add(new() { Role = "admin", Hash = SmsVerify.Server.Tenants.ApiKeySecrets.Hash(key), Prefix = "svo_test" });
            return await db.SaveChangesAsync();
        });
        var admin = app.WithKey(key);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/operators/keys/{generated.Id}")).StatusCode);
        var self = (await (await admin.GetAsync("/v1/operators/keys")).OkAsync())[0];
        await (await admin.DeleteAsync($"/v1/operators/keys/{self.Str("id")}")).ProblemAsync(HttpStatusCode.Conflict, "last_api_key");
    }

    [SqliteFact]
    public async Task Sqlite_RunsInWalModeWithNormalSync()
    {
        await using var app = await SmsVerifyApp.StartAsync([]);
        var (journal, synchronous) = await app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode";
            var journal = (string)(await command.ExecuteScalarAsync())!;
            command.CommandText = "PRAGMA synchronous";
            return (journal, (long)(await command.ExecuteScalarAsync())!);
        });
        Assert.Equal("wal", journal);
        Assert.Equal(1, synchronous); // NORMAL
    }
}
