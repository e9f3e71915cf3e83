using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsVerify.Cli;
using SmsVerify.Server.Audit;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Tests.Audit;
using SmsVerify.Server.Tests.Support;

namespace SmsVerify.Server.Tests.Cli;

/// <summary>
/// <c>audit verify-export</c> checks the files pruning wrote, on this machine and without the server: a whole file
/// passes and ends at the server's anchor, an altered one exits 4 naming the record.
/// </summary>
public sealed class CliAuditExportTests : IAsyncLifetime
{
    private readonly string _exports = Directory.CreateTempSubdirectory("smsverify-audit-exports-").FullName;
    private SmsVerifyApp _app = null!;
    private CliRunner _cli = null!;
    private string _file = null!;
    private string _anchorHash = null!;

    public async Task InitializeAsync()
    {
        _app = await SmsVerifyApp.StartAsync(new() { ["Audit:RetentionDays"] = "180", ["Audit:ExportPath"] = _exports });
        _cli = new CliRunner(_app);
        await AuditExportFiles.AppendOldAsync(_app, 4, TimeSpan.FromDays(181));
        await AuditExportFiles.PruneNowAsync(_app);
        var anchor = await _app.WithDbAsync(db => db.AuditAnchors.SingleAsync());
        _file = Path.Combine(_exports, anchor.FileName);
        _anchorHash = Convert.ToHexStringLower(anchor.Hash);
    }

    public async Task DisposeAsync()
    {
        _cli.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(_exports, recursive: true);
    }

    [Fact]
    public async Task VerifyExport_APrunedFile_IsIntactAndEndsAtTheAnchor()
    {
        var checkedFile = await _cli.RunAsync("audit", "verify-export", _file, "--anchor", _anchorHash);

        Assert.Equal(ExitCodes.Ok, checkedFile.ExitCode);
        Assert.Contains($"the last hash is {_anchorHash}", checkedFile.Out);
        var json = await _cli.RunAsync("audit", "verify-export", _file, "--json");
        Assert.Equal((true, 1L), (json.Json.GetProperty("valid").GetBoolean(), json.Json.GetProperty("firstSequence").GetInt64()));
        var server = await _cli.AsOperatorAsync("audit", "verify");
        Assert.Equal(ExitCodes.Ok, server.ExitCode);
        Assert.Contains($"were exported and pruned, the last with hash {_anchorHash}", server.Out);
    }

    [Fact]
    public async Task VerifyExport_ARecordAlteredInTheFile_NamesItAndExitsFour()
    {
        var records = AuditExportFiles.Read(_file);
        var altered = System.Text.Json.Nodes.JsonNode.Parse(records[0].GetRawText())!;
        altered["detail"] = "kind=Personal";
        var tampered = _cli.File("tampered.ndjson.gz");
        AuditExportFiles.Write(tampered, [System.Text.Json.JsonDocument.Parse(altered.ToJsonString()).RootElement, .. records.Skip(1)]);

        var checkedFile = await _cli.RunAsync("audit", "verify-export", tampered);

        Assert.Equal(ExitCodes.CheckFailed, checkedFile.ExitCode);
        Assert.Contains("breaks at record 1", checkedFile.Out);
        Assert.Contains("altered", checkedFile.Out);
    }

    [Fact]
    public async Task VerifyExport_AnAnchorTheFileDoesNotEndAt_ExitsFour()
    {
        var checkedFile = await _cli.RunAsync("audit", "verify-export", _file, "--anchor", new string('0', 64));

        Assert.Equal(ExitCodes.CheckFailed, checkedFile.ExitCode);
        Assert.Contains("anchor", checkedFile.Out);
    }

    [Fact]
    public async Task VerifyExport_SeveralFiles_ChainAcrossThemInOrder_AndNotOutOfOrder()
    {
        // After the file InitializeAsync wrote (records 1-4) come its audit.pruned and these; a cutoff of now takes them all.
        await AuditExportFiles.AppendOldAsync(_app, 5, TimeSpan.Zero);
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        var now = _app.Clock.UtcNowForStorage();
        var json = _app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;

        var anchors = await _app.WithDbAsync(db => AuditPruning.PruneAsync(db, _exports, now, now, json, 2, CancellationToken.None));

        Assert.Equal([6L, 8L, 10L], anchors.Select(a => a.Sequence));
        var files = Directory.GetFiles(_exports, "audit-*.ndjson.gz").Order(StringComparer.Ordinal).ToArray();
        var anchorHash = Convert.ToHexStringLower(anchors[^1].Hash);

        var inOrder = await _cli.RunAsync(["audit", "verify-export", .. files, "--anchor", anchorHash]);
        var outOfOrder = await _cli.RunAsync(["audit", "verify-export", .. files.Reverse()]);

        Assert.Equal(ExitCodes.Ok, inOrder.ExitCode);
        Assert.Contains($"records 1 to {anchors[^1].Sequence}", inOrder.Out);
        Assert.Equal(ExitCodes.CheckFailed, outOfOrder.ExitCode);
        var verification = await _cli.AsOperatorAsync("audit", "verify", "--json");
        Assert.Equal((true, anchors[^1].Sequence + 1), (verification.Json.GetProperty("valid").GetBoolean(), verification.Json.GetProperty("verifiedFrom").GetInt64()));
    }
}
