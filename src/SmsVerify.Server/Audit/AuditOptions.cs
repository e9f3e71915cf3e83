using System.ComponentModel.DataAnnotations;

namespace SmsVerify.Server.Audit;

/// <summary>How long the audit trail keeps records, and where it exports them before they go (section <c>Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>
    /// China's Cybersecurity Law (article 21) asks network operators to keep logs for at least six months, so a
    /// shorter retention is refused at startup rather than quietly applied.
    /// </summary>
    public const int MinimumRetentionDays = 180;

    /// <summary>
    /// Days a record stays in the database; an hourly job exports older ones to <see cref="ExportPath"/> and then
    /// deletes them. 0 keeps the trail whole, forever.
    /// </summary>
    [Range(0, 36500)]
    public int RetentionDays { get; set; }

    /// <summary>The directory export files are written to; a relative path is taken from the working directory, like the database's.</summary>
    [Required]
    public string ExportPath { get; set; } = "data/audit-exports";

    internal static bool RetentionIsLongEnough(AuditOptions options) => options.RetentionDays is 0 or >= MinimumRetentionDays;
}
