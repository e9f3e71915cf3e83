using SmsVerify.Server.Audit;
using SmsVerify.Server.Billing;
using SmsVerify.Server.Captcha;
using SmsVerify.Server.Channels;
using SmsVerify.Server.Compat;
using SmsVerify.Server.Compat.Serving;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Messages;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.RealPerson;
using SmsVerify.Server.Review;
using SmsVerify.Server.Risk;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Sending;
using SmsVerify.Server.Signatures;
using SmsVerify.Server.Templates;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Verification;
using SmsVerify.Server.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddInfrastructure();
builder.AddAudit();
builder.AddPolicy();
builder.AddDocuments();
builder.AddLimits();
builder.AddTenants();
builder.AddSandbox();
builder.AddBilling();
builder.AddSending();
builder.AddMessages();
builder.AddVerifications();
builder.AddWebhooks();
builder.AddCaptcha();
builder.AddReview();
builder.AddRealPerson();
builder.AddSignatures();
builder.AddTemplates();
builder.AddChannels();
builder.AddRisk();
builder.AddCompat();

var app = builder.Build();

app.UseProblems();
app.UseVendorPorts();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();

app.MapInfrastructure();
app.MapAudit();
app.MapPolicy();
app.MapTenants();
app.MapOperatorKeys();
app.MapApiKeys();
app.MapSandbox();
app.MapVerifications();
app.MapSending();
app.MapMessaging();
app.MapBalance();
app.MapQualifications();
app.MapRealPerson();
app.MapLandingApps();
app.MapSignatures();
app.MapTemplates();
app.MapReview();
app.MapWebhooks();
app.MapChannels();
app.MapCaptcha();
app.MapRateLimits();
app.MapRisk();
app.MapCompat();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
