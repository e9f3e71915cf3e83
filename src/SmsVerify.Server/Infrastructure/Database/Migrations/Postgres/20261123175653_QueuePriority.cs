using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueuePriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_messages_Status_NextAttemptAt",
                table: "messages");

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "messages",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            // Messages already queued: the codes among them go first too.
            migrationBuilder.Sql("UPDATE \"messages\" SET \"Priority\" = 0 WHERE \"VerificationId\" IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_messages_Status_Priority_NextAttemptAt",
                table: "messages",
                columns: new[] { "Status", "Priority", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_messages_Status_Priority_NextAttemptAt",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "messages");

            migrationBuilder.CreateIndex(
                name: "IX_messages_Status_NextAttemptAt",
                table: "messages",
                columns: new[] { "Status", "NextAttemptAt" });
        }
    }
}
