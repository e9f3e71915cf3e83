using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VerificationLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_verifications_TenantId_Block_CreatedAt",
                table: "verifications");

            migrationBuilder.DropIndex(
                name: "IX_verifications_TenantId_To_Status",
                table: "verifications");

            migrationBuilder.CreateIndex(
                name: "IX_verifications_Block_TenantId_CreatedAt",
                table: "verifications",
                columns: new[] { "Block", "TenantId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_verifications_TenantId_To_Id",
                table: "verifications",
                columns: new[] { "TenantId", "To", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_verifications_Block_TenantId_CreatedAt",
                table: "verifications");

            migrationBuilder.DropIndex(
                name: "IX_verifications_TenantId_To_Id",
                table: "verifications");

            migrationBuilder.CreateIndex(
                name: "IX_verifications_TenantId_Block_CreatedAt",
                table: "verifications",
                columns: new[] { "TenantId", "Block", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_verifications_TenantId_To_Status",
                table: "verifications",
                columns: new[] { "TenantId", "To", "Status" });
        }
    }
}
