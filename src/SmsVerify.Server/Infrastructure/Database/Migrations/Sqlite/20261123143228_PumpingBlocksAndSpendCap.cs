using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PumpingBlocksAndSpendCap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Block",
                table: "verifications",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DailySpendCap",
                table: "tenants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DaySpend",
                table: "tenants",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SpendDay",
                table: "tenants",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "risk_blocks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Block = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    WindowStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    WindowEnd = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Sends = table.Column<int>(type: "INTEGER", nullable: false),
                    Approved = table.Column<int>(type: "INTEGER", nullable: false),
                    BaselineSends = table.Column<double>(type: "REAL", nullable: false),
                    LiftedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LiftedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    LiftReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_blocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_risk_blocks_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_verifications_CreatedAt",
                table: "verifications",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_verifications_TenantId_Block_CreatedAt",
                table: "verifications",
                columns: new[] { "TenantId", "Block", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_risk_blocks_LiftedAt",
                table: "risk_blocks",
                column: "LiftedAt");

            migrationBuilder.CreateIndex(
                name: "IX_risk_blocks_TenantId_Block_CreatedAt",
                table: "risk_blocks",
                columns: new[] { "TenantId", "Block", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "risk_blocks");

            migrationBuilder.DropIndex(
                name: "IX_verifications_CreatedAt",
                table: "verifications");

            migrationBuilder.DropIndex(
                name: "IX_verifications_TenantId_Block_CreatedAt",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "Block",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "DailySpendCap",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "DaySpend",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "SpendDay",
                table: "tenants");
        }
    }
}
