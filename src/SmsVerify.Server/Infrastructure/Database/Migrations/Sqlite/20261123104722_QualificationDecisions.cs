using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QualificationDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DecidedAt",
                table: "qualifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecidedBy",
                table: "qualifications",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionNote",
                table: "qualifications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_qualifications_Status_SubmittedAt",
                table: "qualifications",
                columns: new[] { "Status", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_qualifications_Status_SubmittedAt",
                table: "qualifications");

            migrationBuilder.DropColumn(
                name: "DecidedAt",
                table: "qualifications");

            migrationBuilder.DropColumn(
                name: "DecidedBy",
                table: "qualifications");

            migrationBuilder.DropColumn(
                name: "DecisionNote",
                table: "qualifications");
        }
    }
}
