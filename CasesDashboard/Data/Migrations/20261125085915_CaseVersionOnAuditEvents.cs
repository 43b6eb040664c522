using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CasesDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class CaseVersionOnAuditEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CaseVersion",
                table: "AuditEvents",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CaseVersion",
                table: "AuditEvents");
        }
    }
}
