using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CasesDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class QueuesAndClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "QueueId",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "QueuePinned",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Availability",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Away = table.Column<bool>(type: "INTEGER", nullable: false),
                    AwaySince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Availability", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "Queues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublicId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", nullable: true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    ConditionsJson = table.Column<string>(type: "TEXT", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    Policy = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxOpenPerAnalyst = table.Column<int>(type: "INTEGER", nullable: true),
                    SkipAway = table.Column<bool>(type: "INTEGER", nullable: false),
                    Archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Queues", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QueueMembers",
                columns: table => new
                {
                    QueueId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastTurn = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueMembers", x => new { x.QueueId, x.UserId });
                    table.ForeignKey(
                        name: "FK_QueueMembers_Queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "Queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueId_CreatedAt",
                table: "Cases",
                columns: new[] { "QueueId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueOpen_Oldest",
                table: "Cases",
                columns: new[] { "QueueId", "CreatedAt", "Id" },
                filter: "\"StatusType\" <> 2");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueOpen_Priority",
                table: "Cases",
                columns: new[] { "QueueId", "Priority", "SlaExpiresAt", "CreatedAt", "Id" },
                descending: new[] { false, true, false, false, false },
                filter: "\"StatusType\" <> 2");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueOpen_Sla",
                table: "Cases",
                columns: new[] { "QueueId", "SlaExpiresAt", "Priority", "CreatedAt", "Id" },
                descending: new[] { false, false, true, false, false },
                filter: "\"StatusType\" <> 2");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueWaiting_Oldest",
                table: "Cases",
                columns: new[] { "QueueId", "CreatedAt", "Id" },
                filter: "\"AssigneeId\" IS NULL AND \"StatusType\" <> 2 AND \"RedactedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueWaiting_Priority",
                table: "Cases",
                columns: new[] { "QueueId", "Priority", "SlaExpiresAt", "CreatedAt", "Id" },
                descending: new[] { false, true, false, false, false },
                filter: "\"AssigneeId\" IS NULL AND \"StatusType\" <> 2 AND \"RedactedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_QueueWaiting_Sla",
                table: "Cases",
                columns: new[] { "QueueId", "SlaExpiresAt", "Priority", "CreatedAt", "Id" },
                descending: new[] { false, false, true, false, false },
                filter: "\"AssigneeId\" IS NULL AND \"StatusType\" <> 2 AND \"RedactedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_QueueMembers_UserId",
                table: "QueueMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Queues_Key",
                table: "Queues",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Queues_PublicId",
                table: "Queues",
                column: "PublicId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Availability");

            migrationBuilder.DropTable(
                name: "QueueMembers");

            migrationBuilder.DropTable(
                name: "Queues");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueId_CreatedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueOpen_Oldest",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueOpen_Priority",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueOpen_Sla",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueWaiting_Oldest",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueWaiting_Priority",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_QueueWaiting_Sla",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "QueueId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "QueuePinned",
                table: "Cases");
        }
    }
}
