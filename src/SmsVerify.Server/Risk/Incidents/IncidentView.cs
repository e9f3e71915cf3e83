using SmsVerify.Server.Risk.Breakers;

namespace SmsVerify.Server.Risk.Incidents;

public sealed record IncidentQualification(Guid Id, string? Subject, string? CreditCode);

/// <summary>An incident as the API and its JSON export show it.</summary>
public sealed record IncidentView(
    Guid Id, IncidentKind Kind, Guid TenantId, string TenantName, IncidentQualification? Qualification, Guid? BreakerId, BreakerScope? Scope,
    Guid? BlockId, string? Block, string? Signature,
    string? Template, IncidentStatus Status, int Violations, DateTime FirstViolationAt, DateTime LastViolationAt, DateTime OpenedAt,
    DateTime? ClosedAt, List<ReasonCount> ReasonCounts, List<IncidentSample> Samples, List<IncidentAction> Actions)
{
    public static IncidentView From(Incident i) => new(i.Id, i.Kind, i.TenantId, i.TenantName,
        i.QualificationId is { } q ? new IncidentQualification(q, i.QualificationSubject, i.QualificationCreditCode) : null,
        i.BreakerId, i.Scope, i.BlockId, i.Block, i.Signature, i.Template, i.Status, i.Violations, i.FirstViolationAt, i.LastViolationAt, i.OpenedAt, i.ClosedAt,
        i.ReasonCounts, i.Samples, i.Actions);
}

/// <summary>The JSON export: the incident with what the report is and when it was made.</summary>
public sealed record IncidentExport(string Report, DateTime GeneratedAt, IncidentView Incident)
{
    public const string ReportName = "bad SMS report (12321)";
}

public sealed record CloseIncidentRequest(string? Note);
