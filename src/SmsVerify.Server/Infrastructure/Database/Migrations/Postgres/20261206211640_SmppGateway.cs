using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsVerify.Server.Infrastructure.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SmppGateway : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "smpp_accounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AllowedAddresses = table.Column<string>(type: "text", nullable: false),
                    MaxBinds = table.Column<int>(type: "integer", nullable: false),
                    Window = table.Column<int>(type: "integer", nullable: false),
                    MessagesPerSecond = table.Column<int>(type: "integer", nullable: false),
                    ReceivesReplies = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PasswordSetAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_smpp_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_smpp_accounts_tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "smpp_owed_deliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    InboundId = table.Column<Guid>(type: "uuid", nullable: true),
                    FailuresOnly = table.Column<bool>(type: "boolean", nullable: false),
                    SourceAddr = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DestinationAddr = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LockedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_smpp_owed_deliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_smpp_owed_deliveries_inbound_messages_InboundId",
                        column: x => x.InboundId,
                        principalTable: "inbound_messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_smpp_owed_deliveries_messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "messages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_smpp_owed_deliveries_smpp_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "smpp_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_smpp_accounts_SystemId",
                table: "smpp_accounts",
                column: "SystemId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_smpp_accounts_TenantId",
                table: "smpp_accounts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_smpp_owed_deliveries_AccountId_NextAttemptAt",
                table: "smpp_owed_deliveries",
                columns: new[] { "AccountId", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_smpp_owed_deliveries_InboundId",
                table: "smpp_owed_deliveries",
                column: "InboundId");

            migrationBuilder.CreateIndex(
                name: "IX_smpp_owed_deliveries_MessageId",
                table: "smpp_owed_deliveries",
                column: "MessageId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "smpp_owed_deliveries");

            migrationBuilder.DropTable(
                name: "smpp_accounts");
        }
    }
}
