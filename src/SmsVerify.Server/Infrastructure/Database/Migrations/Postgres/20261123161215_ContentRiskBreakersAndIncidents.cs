using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContentRiskBreakersAndIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "risk_breakers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OpenKey = table.Column<string>(type: "character varying(56)", maxLength: 56, nullable: true),
                    Violations = table.Column<int>(type: "integer", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ResetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResetBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ResetReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_breakers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_breakers_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    QualificationId = table.Column<Guid>(type: "uuid", nullable: true),
                    QualificationSubject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    QualificationCreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    BreakerId = table.Column<Guid>(type: "uuid", nullable: true),
                    Scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    BlockId = table.Column<Guid>(type: "uuid", nullable: true),
                    Block = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Signature = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Template = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Violations = table.Column<int>(type: "integer", nullable: false),
                    FirstViolationAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastViolationAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReasonCounts = table.Column<string>(type: "text", nullable: false),
                    Samples = table.Column<string>(type: "text", nullable: false),
                    Actions = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_incidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_incidents_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "risk_violations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Signature = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Template = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reasons = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Sample = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_violations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_violations_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_risk_breakers_Status",
                table: "risk_breakers",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_risk_breakers_TenantId_OpenKey",
                table: "risk_breakers",
                columns: new[] { "TenantId", "OpenKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_risk_incidents_BlockId",
                table: "risk_incidents",
                column: "BlockId");

            migrationBuilder.CreateIndex(
                name: "IX_risk_incidents_Status_OpenedAt",
                table: "risk_incidents",
                columns: new[] { "Status", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_incidents_TenantId_OpenedAt",
                table: "risk_incidents",
                columns: new[] { "TenantId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_violations_TenantId_At",
                table: "risk_violations",
                columns: new[] { "TenantId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_violations_TenantId_Signature_At",
                table: "risk_violations",
                columns: new[] { "TenantId", "Signature", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_violations_TenantId_Template_At",
                table: "risk_violations",
                columns: new[] { "TenantId", "Template", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "risk_breakers");

            migrationBuilder.DropTable(
                name: "risk_incidents");

            migrationBuilder.DropTable(
                name: "risk_violations");
        }
    }
}
