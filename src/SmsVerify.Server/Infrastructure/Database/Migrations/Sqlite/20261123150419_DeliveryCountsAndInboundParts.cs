using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeliveryCountsAndInboundParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DeliveredParts",
                table: "messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PartCount",
                table: "messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "inbound_message_parts",
                columns: table => new
                {
                    From = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Reference = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_message_parts", x => new { x.From, x.To, x.Reference, x.Total, x.Sequence });
                });

            migrationBuilder.CreateIndex(
                name: "IX_inbound_message_parts_ReceivedAt",
                table: "inbound_message_parts",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inbound_message_parts");

            migrationBuilder.DropColumn(
                name: "DeliveredParts",
                table: "messages");

            migrationBuilder.DropColumn(
                name: "PartCount",
                table: "messages");
        }
    }
}
