using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SendingWithApprovedContent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Extension",
                table: "signatures",
                type: "TEXT",
                maxLength: 6,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "signatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "messages",
                type: "TEXT",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32);

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "Cost",
                table: "messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "DoneAt",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErrorCode",
                table: "messages",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NotAfter",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OutcomeUnknown",
                table: "messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SourceExtension",
                table: "messages",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SubmittedAt",
                table: "messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "TextSeal",
                table: "messages",
                type: "BLOB",
                maxLength: 4096,
                nullable: true);

            // Signatures from before extensions existed get distinct ones; the sandbox log's statuses take the enum's spelling.
            migrationBuilder.Sql("""UPDATE signatures SET "Extension" = CAST(100000 + rowid AS TEXT) WHERE "Extension" = '';""");
            migrationBuilder.Sql("""UPDATE messages SET "Status" = 'Delivered' WHERE "Status" = 'delivered';""");

            migrationBuilder.CreateIndex(
                name: "IX_signatures_Extension",
                table: "signatures",
                column: "Extension",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_Status_NextAttemptAt",
                table: "messages",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_signatures_Extension",
                table: "signatures");

            migrationBuilder.DropIndex(
                name: "IX_messages_Status_NextAttemptAt",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "Extension",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "signatures");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "Cost",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "DoneAt",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "ErrorCode",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "NotAfter",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "OutcomeUnknown",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "SourceExtension",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "TextSeal",
                table: "messages");

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "messages",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 32,
                oldNullable: true);
        }
    }
}
