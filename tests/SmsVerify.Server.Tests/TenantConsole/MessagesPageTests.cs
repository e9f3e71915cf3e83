using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Infrastructure.Database;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Messages.Delivery;
using SmsVerify.Server.Messages.Stats;
using SmsVerify.Server.Tests.Support;
using SmsVerify.Server.Verification;
using SmsVerify.Server.WebConsole;

namespace SmsVerify.Server.Tests.TenantConsole;

/// <summary>
/// The server for the Messages page tests: a carrier that takes every message (one id per part, named after the
/// message) and a delivery worker the test runs one round at a time, so that a test decides every receipt.
/// </summary>
public sealed class CarrierApp : IAsyncLifetime
{
    public FakeChannel Carrier { get; } = new("cmcc-1", 10, sms => new SubmitOutcome.Accepted(
        [.. Enumerable.Range(0, Segments.Count(sms.Text)).Select(i => $"{sms.MessageId:N}-{i}")]));

    public SmsVerifyApp App { get; }

    public CarrierApp() => App = new SmsVerifyApp
    {
        Settings = { ["Delivery:RunWorker"] = "false" },
        TestServices = services => services.AddSingleton<IChannelRoutes>(new FakeRoutes(Carrier)),
    };

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)App).DisposeAsync();

    /// <summary>One round of the worker: every queued message is submitted and its outcome written.</summary>
    public async Task SubmitQueuedAsync()
    {
        var worker = App.Services.GetRequiredService<DeliveryWorker>();
        await worker.RunOnceAsync(CancellationToken.None);
        await worker.WhenIdleAsync();
    }

    /// <summary>The carrier's receipt for the first part of a message.</summary>
    public Task ReceiptAsync(Guid messageId, ReceiptOutcome outcome, string? error = null) =>
        App.Services.GetRequiredService<IChannelEventSink>().HandleAsync(
            new ReceiptEvent(Carrier.Name, App.Clock.GetUtcNow().UtcDateTime, $"{messageId:N}-0", outcome, error, null), CancellationToken.None).AsTask();
}

/// <summary>
/// The Messages page: the log filtered and paged, one message's timeline with the carrier's receipt, the CSV export,
/// the verifications and their conversion; viewers see all of it; no tenant sees another's messages.
/// </summary>
public sealed partial class MessagesPageTests(CarrierApp carrier) : IClassFixture<CarrierApp>
{
    private const string RealNumber = "+8613912345678";
    private const string OtherNumber = "+8613912345679";

    private SmsVerifyApp App => carrier.App;

    [Fact]
    public async Task TheLog_FiltersByNumberStatusTemplateAndTime_NewestFirst()
    {
        var (sender, notification) = await SenderAsync();
        var delivered = await SendAsync(sender, notification, RealNumber);
        var failed = await SendAsync(sender, notification, OtherNumber);
        await (await sender.StartAsync("+8613912345670")).OkAsync(HttpStatusCode.Created);
        await carrier.SubmitQueuedAsync();
        await carrier.ReceiptAsync(delivered, ReceiptOutcome.Delivered);
        await carrier.ReceiptAsync(failed, ReceiptOutcome.Failed, "UNDELIV:045");
        App.Clock.Advance(TimeSpan.FromHours(2));
        var later = await SendAsync(sender, notification, RealNumber);
        var (viewer, _) = await App.TenantSignedInAsync(sender.Tenant.Id, "viewer");

        var all = Rows(await viewer.HtmlAsync("/app/messages"));
        Assert.Equal(4, all.Count);
        Assert.Equal(later, all[0]);
        Assert.Equal([later, delivered], Rows(await viewer.HtmlAsync("/app/messages?to=139%201234%205678")));
        Assert.Equal([failed], Rows(await viewer.HtmlAsync("/app/messages?status=failed")));
        Assert.Equal(3, Rows(await viewer.HtmlAsync($"/app/messages?template={notification}")).Count);
        var verification = Assert.Single(Rows(await viewer.HtmlAsync($"/app/messages?template={sender.Template}")));
        Assert.DoesNotContain(verification, new[] { delivered, failed, later });
        var from = App.Clock.GetUtcNow().UtcDateTime.AddHours(-1).ToString("yyyy-MM-ddTHH:mm");
        Assert.Equal([later], Rows(await viewer.HtmlAsync($"/app/messages?from={from}")));
        Assert.Equal(3, Rows(await viewer.HtmlAsync($"/app/messages?until={from}")).Count);

        var refused = await viewer.GetAsync("/app/messages?to=12345");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("role=\"alert\"", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheLog_PagesBackAPageAtATime_ThroughMessagesAcceptedAtOneInstant()
    {
        var (sender, notification) = await SenderAsync();
        var numbers = Enumerable.Range(0, 51).Select(i => $"+86139000001{i:00}").ToArray();
        var sent = await (await sender.SendAsync(notification, new { order = "7" }, numbers)).OkAsync(HttpStatusCode.Accepted);
        var ids = sent.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetGuid()).ToHashSet();
        var (developer, _) = await App.TenantSignedInAsync(sender.Tenant.Id, "developer");

        var first = await developer.HtmlAsync("/app/messages");
        var older = OlderLink().Match(first).Groups[1].Value;
        var second = await developer.HtmlAsync(older);

        Assert.Equal(50, Rows(first).Count);
        Assert.Single(Rows(second));
        Assert.True(ids.SetEquals(Rows(first).Concat(Rows(second))));
        Assert.DoesNotMatch(OlderLink(), second);
    }

    [Fact]
    public async Task AMessagePage_ShowsItsTimeline_WithTheCarriersReceipt_SegmentsAndCost()
    {
        var (sender, notification) = await SenderAsync();
        var failed = await SendAsync(sender, notification, RealNumber);
        var waiting = await SendAsync(sender, notification, OtherNumber);
        await carrier.SubmitQueuedAsync();
        await carrier.ReceiptAsync(failed, ReceiptOutcome.Failed, "UNDELIV:045");
        var (viewer, _) = await App.TenantSignedInAsync(sender.Tenant.Id, "viewer");

        var page = await viewer.HtmlAsync($"/app/messages/{failed}");
        Assert.Equal(["Accepted and queued", "Sent to carrier", "Failed"], Steps(page));
        Assert.Contains("<code>cmcc-1</code>", page);
        Assert.Contains("<code>UNDELIV:045</code>", page);
        Assert.Matches($"data-carrier-id=\"{failed:N}-0\" data-outcome=\"failed\"", page);
        Assert.Contains("data-segments>1<", page);
        Assert.Contains("data-cost>0.045<", page);
        Assert.Contains("data-text>【某某科技】您的订单7已发货，请注意查收。<", page);

        var submitted = await viewer.HtmlAsync($"/app/messages/{waiting}");
        Assert.Equal(["Accepted and queued", "Sent to carrier", "Waiting for the carrier's receipt"], Steps(submitted));
        Assert.Matches($"data-carrier-id=\"{waiting:N}-0\" data-outcome=\"awaited\"", submitted);
    }

    [Fact]
    public async Task ATestNumbersMessage_ShowsItWentStraightToTheInbox_WithItsCodeMasked()
    {
        var tenant = await App.CreateTenantAsync();
        await tenant.RegisterNumberAsync("+8613800000051", fixedCode: "8642");
        await tenant.StartOkAsync("+8613800000051");
        var (viewer, _) = await App.TenantSignedInAsync(tenant.Id, "viewer");
        var id = Assert.Single(Rows(await viewer.HtmlAsync("/app/messages")));

        var page = await viewer.HtmlAsync($"/app/messages/{id}");

        Assert.Equal(["Accepted and queued", "Delivered to the test number's inbox"], Steps(page));
        Assert.DoesNotContain("8642", page);
        Assert.Contains("data-cost>0<", page);
    }

    [Fact]
    public async Task CsvExport_HasTheFilteredRows_QuotedAndSafeFromFormulas()
    {
        var (sender, notification) = await SenderAsync();
        var quoted = await (await sender.SendAsync(notification, new { order = "7,\"B\"" }, RealNumber)).OkAsync(HttpStatusCode.Accepted);
        var quotedId = quoted.GetProperty("messages")[0].GetProperty("id").GetGuid();
        var other = await SendAsync(sender, notification, OtherNumber);
        await carrier.SubmitQueuedAsync();
        await carrier.ReceiptAsync(quotedId, ReceiptOutcome.Delivered);
        var (viewer, _) = await App.TenantSignedInAsync(sender.Tenant.Id, "viewer");

        var export = await viewer.GetAsync("/app/messages?handler=Csv&status=delivered");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Matches("^attachment; filename=\"messages-\\d{8}-\\d{6}\\.csv\"$", export.Content.Headers.ContentDisposition!.ToString());
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,created_at_utc,to,signature,template,status,error_code,segments,cost_yuan,", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith($"{quotedId},", row);
        Assert.Contains(",'+8613912345678,某某科技,", row);
        Assert.Contains(",delivered,,1,0.045,cmcc-1,", row);
        Assert.EndsWith(",\"【某某科技】您的订单7,\"\"B\"\"已发货，请注意查收。\"", row);
        Assert.DoesNotContain(other.ToString(), string.Join("\n", lines));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+86 139", "'+86 139")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("plain 文本", "plain 文本")]
    [InlineData(null, "")]
    public void CsvCells_AreQuotedWhenTheyMustBe_AndNeverStartAFormula(string? value, string cell) =>
        Assert.Equal(cell, CsvText.Cell(value));

    [Fact]
    public async Task AnotherTenantsMessage_IsNotFound_AndNeverInTheLogOrTheExport()
    {
        var (sender, notification) = await SenderAsync();
        var theirs = await SendAsync(sender, notification, RealNumber);
        var (outsiderTenant, outsiderNotification) = await SenderAsync();
        var ours = await SendAsync(outsiderTenant, outsiderNotification, RealNumber);
        var (outsider, _) = await App.TenantSignedInAsync(outsiderTenant.Tenant.Id, "owner");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/app/messages/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await outsider.GetAsync($"/app/messages/{ours}")).StatusCode);
        Assert.Equal([ours], Rows(await outsider.HtmlAsync("/app/messages")));
        // Another tenant's id as the paging cursor reads nothing of that tenant: it is as if no cursor were given.
        Assert.Equal([ours], Rows(await outsider.HtmlAsync($"/app/messages?before={theirs}&to={Uri.EscapeDataString(RealNumber)}")));
        var export = await (await outsider.GetAsync("/app/messages?handler=Csv")).Content.ReadAsStringAsync();
        Assert.Contains(ours.ToString(), export);
        Assert.DoesNotContain(theirs.ToString(), export);
        Assert.DoesNotContain(theirs.ToString(), await outsider.HtmlAsync("/app/messages?tab=verifications"));
    }

    [Fact]
    public async Task Verifications_AreListedWithTheirOutcome_AndTheChartCountsTheirConversion()
    {
        var tenant = await App.CreateTenantAsync();
        foreach (var phone in new[] { "+8613800000061", "+8613800000062", "+8613800000063" })
        {
            await tenant.RegisterNumberAsync(phone);
        }
        var approved = await tenant.StartOkAsync("+8613800000061");
        await (await tenant.CheckAsync(approved.Str("id"), await tenant.LatestCodeAsync("+8613800000061"))).OkAsync();
        var wrong = await tenant.StartOkAsync("+8613800000062");
        var code = await tenant.LatestCodeAsync("+8613800000062");
        await tenant.CheckAsync(wrong.Str("id"), code == "000000" ? "111111" : "000000");
        var pending = await tenant.StartOkAsync("+8613800000063");
        var (viewer, _) = await App.TenantSignedInAsync(tenant.Id, "viewer");

        var page = await viewer.HtmlAsync("/app/messages?tab=verifications");

        Assert.Equal([pending.Str("id"), wrong.Str("id"), approved.Str("id")], VerificationRows().Matches(page).Select(m => m.Groups[1].Value));
        Assert.Contains($"data-verification=\"{approved.Str("id")}\" data-status=\"approved\" data-wrong-codes=\"0\"", page);
        Assert.Contains($"data-verification=\"{wrong.Str("id")}\" data-status=\"pending\" data-wrong-codes=\"1\"", page);
        Assert.Equal([pending.Str("id")], VerificationRows().Matches(await viewer.HtmlAsync("/app/messages?tab=verifications&to=%2B8613800000063"))
            .Select(m => m.Groups[1].Value));
        var series = ChartSeries().Matches(page).Select(m => m.Groups[1].Value.Split(',').Sum(int.Parse)).ToList();
        Assert.Equal([3, 1], series);
        Assert.Contains("data-figure=\"conversion\">33.3%<", page);
    }

    /// <summary>
    /// Each read of the log is a range of one tenant's rows in an index that exists for sending (tenant and time, or
    /// tenant, number and time), and verifications are reached from there by primary key: no read scans a table, and
    /// none sorts all of a tenant's rows. PostgreSQL is told not to scan sequentially, since on a test's tiny tables a
    /// scan is cheaper: what is checked is that the indexes can serve the reads.
    /// </summary>
    [Fact]
    public async Task EveryLogQuery_ReadsOneTenantsIndexRange()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var messages = scope.ServiceProvider.GetRequiredService<MessageLog>();
        var verifications = scope.ServiceProvider.GetRequiredService<VerificationLog>();
        var (tenant, now) = (Guid.NewGuid(), App.Clock.GetUtcNow().UtcDateTime);
        IQueryable[] logPages =
        [
            messages.Page(tenant, new MessageFilter(), null, 50),
            messages.Page(tenant, new MessageFilter(Status: MessageStatus.Failed, Template: "SMS_1", From: now.AddDays(-1)), (now, Guid.NewGuid()), 50),
            messages.Page(tenant, new MessageFilter(To: RealNumber), (now, Guid.NewGuid()), 50),
        ];
        IQueryable[] verificationReads =
        [
            verifications.Page(tenant, null, now.AddDays(-7), now, Guid.NewGuid(), 50),
            verifications.Page(tenant, RealNumber, now.AddDays(-7), null, null, 50),
            verifications.PerHour(tenant, TrafficWindow.Ending(TrafficRange.Day, now)),
        ];
        await db.Database.OpenConnectionAsync();
        if (SmsVerifyApp.OnPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
        }
        foreach (var query in logPages.Concat(verificationReads))
        {
            var plan = await query.PlanAsync();
            if (SmsVerifyApp.OnPostgres)
            {
                Assert.Matches(@"using ""IX_messages_TenantId_(To_)?CreatedAt"" on messages m .*\n\s+Index Cond: \(+""TenantId"" = ", plan);
                Assert.DoesNotContain("Seq Scan", plan);
                continue;
            }
            Assert.Matches(@"SEARCH m USING INDEX IX_messages_TenantId_(To_)?CreatedAt \(TenantId=\?", plan);
            Assert.DoesNotMatch(@"SCAN (m|v)\b", plan);
            if (logPages.Contains(query))
            {
                // In index order already: only the messages of one instant are put in order of their ids.
                Assert.DoesNotContain("USE TEMP B-TREE FOR ORDER BY", plan);
            }
            else
            {
                Assert.Contains("SEARCH v USING INDEX sqlite_autoindex_verifications_1 (Id=?)", plan);
            }
        }
    }

    private async Task<(LiveSender Sender, string Notification)> SenderAsync()
    {
        var sender = await App.CreateLiveSenderAsync();
        await App.TopUpAsync(sender.Tenant.Id, 10m);
        return (sender, await sender.Tenant.CreateApprovedTemplateAsync(App, Messaging.Notification, "notification"));
    }

    private static async Task<Guid> SendAsync(LiveSender sender, string template, string to) =>
        (await (await sender.SendAsync(template, new { order = "7" }, to)).OkAsync(HttpStatusCode.Accepted))
        .GetProperty("messages")[0].GetProperty("id").GetGuid();

    private static List<Guid> Rows(string page) => [.. MessageRows().Matches(page).Select(m => Guid.Parse(m.Groups[1].Value))];

    private static List<string> Steps(string page) => [.. TimelineSteps().Matches(page).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<tr data-message=\"([0-9a-f-]{36})\"")]
    private static partial Regex MessageRows();

    [GeneratedRegex("<tr data-verification=\"([0-9a-f-]{36})\"")]
    private static partial Regex VerificationRows();

    [GeneratedRegex("data-step=\"([^\"]+)\"")]
    private static partial Regex TimelineSteps();

    [GeneratedRegex("<a id=\"older\" href=\"([^\"]+)\"")]
    private static partial Regex OlderLink();

    [GeneratedRegex("data-series=\"[^\"]*\" data-values=\"([^\"]*)\"")]
    private static partial Regex ChartSeries();
}
