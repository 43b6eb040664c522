using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CasesDashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SlaPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AssignmentDueAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstAssignedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SlaOverridden",
                table: "Cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "SlaPausedSeconds",
                table: "Cases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaPausedSince",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaRunningSince",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlaStage",
                table: "Cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaStartedAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<long>(
                name: "SlaTargetSeconds",
                table: "Cases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SlaUsedSeconds",
                table: "Cases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TemplateId = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: true),
                    QueueId = table.Column<int>(type: "integer", nullable: true),
                    ResolutionAmount = table.Column<int>(type: "integer", nullable: false),
                    ResolutionUnit = table.Column<int>(type: "integer", nullable: false),
                    FirstAssignmentAmount = table.Column<int>(type: "integer", nullable: true),
                    FirstAssignmentUnit = table.Column<int>(type: "integer", nullable: true),
                    CalendarJson = table.Column<string>(type: "text", nullable: true),
                    PauseStatusesJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SlaPolicies_CaseTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "CaseTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SlaStage_SlaExpiresAt",
                table: "Cases",
                columns: new[] { "SlaStage", "SlaExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_TemplateId_ResolvedAt",
                table: "Cases",
                columns: new[] { "TemplateId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_TemplateId_Priority_QueueId",
                table: "SlaPolicies",
                columns: new[] { "TemplateId", "Priority", "QueueId" });
        
            // Cases that existed before: their clock has run since creation towards the due time they already had; their
            // first assignment is the one they have (earlier ones were not kept on the case).
            migrationBuilder.Sql("""
                UPDATE "Cases" SET "SlaStartedAt" = "CreatedAt", "FirstAssignedAt" = "AssignedAt",
                    "SlaRunningSince" = CASE WHEN "StatusType" <> 2 THEN "CreatedAt" END,
                    "SlaStage" = CASE WHEN "StatusType" = 2 THEN 4 ELSE 0 END,
                    "SlaTargetSeconds" = CAST(EXTRACT(EPOCH FROM ("SlaExpiresAt" - "CreatedAt")) AS bigint);
                """);
            migrationBuilder.Sql(Features.Analytics.AnalyticsSql.PostgresFunction);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SlaStage_SlaExpiresAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_TemplateId_ResolvedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "AssignmentDueAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FirstAssignedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SlaOverridden",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SlaPausedSeconds",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SlaPausedSince",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SlaRunningSince",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SlaStage",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SlaStartedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SlaTargetSeconds",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SlaUsedSeconds",
                table: "Cases");
        }
    }
}
