using SmsVerify.Server.Audit;
using SmsVerify.Server.Documents;
using SmsVerify.Server.Infrastructure;
using SmsVerify.Server.Infrastructure.Problems;
using SmsVerify.Server.LandingApps;
using SmsVerify.Server.Limits;
using SmsVerify.Server.Policy;
using SmsVerify.Server.Qualifications;
using SmsVerify.Server.Review;
using SmsVerify.Server.Sandbox;
using SmsVerify.Server.Tenants;
using SmsVerify.Server.Verification;

var builder = WebApplication.CreateBuilder(args);

builder.AddInfrastructure();
builder.AddAudit();
builder.AddPolicy();
builder.AddDocuments();
builder.AddLimits();
builder.AddTenants();
builder.AddSandbox();
builder.AddVerifications();

var app = builder.Build();

app.UseProblems();
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
app.MapQualifications();
app.MapLandingApps();
app.MapReview();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
