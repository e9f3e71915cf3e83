using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MessagePartIdsMayRepeat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_message_parts",
                table: "message_parts");

            migrationBuilder.AddColumn<long>(
                name: "Id",
                table: "message_parts",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

            migrationBuilder.AddPrimaryKey(
                name: "PK_message_parts",
                table: "message_parts",
                column: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_message_parts_Channel_CarrierMessageId",
                table: "message_parts",
                columns: new[] { "Channel", "CarrierMessageId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_message_parts",
                table: "message_parts");

            migrationBuilder.DropIndex(
                name: "IX_message_parts_Channel_CarrierMessageId",
                table: "message_parts");

            migrationBuilder.DropColumn(
                name: "Id",
                table: "message_parts");

            migrationBuilder.AddPrimaryKey(
                name: "PK_message_parts",
                table: "message_parts",
                columns: new[] { "Channel", "CarrierMessageId" });
        }
    }
}
