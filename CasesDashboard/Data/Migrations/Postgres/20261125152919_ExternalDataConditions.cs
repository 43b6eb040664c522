using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CasesDashboard.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExternalDataConditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // json_extract over any portable JSON path, for conditions on external data (SQLite has json_extract built in).
            migrationBuilder.Sql(FieldSql.PostgresPathFunctions);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS cases_json_path_number(text, text);
                DROP FUNCTION IF EXISTS cases_json_path_text(text, text);
                DROP FUNCTION IF EXISTS cases_json_path_value(text, text);
                """);
        }
    }
}
