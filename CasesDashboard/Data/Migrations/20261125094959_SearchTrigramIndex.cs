using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CasesDashboard.Data.Migrations
{
    /// <summary>
    /// The case search's trigram index on SQLite (see Features/Cases/Search): FTS5 table CaseSearch, one row per case holding
    /// the text of view CaseSearchDocuments; UserSearch over display names; triggers that keep both in step with every write.
    /// Note for later migrations: a SQLite table rebuild (some column changes) drops that table's triggers; the test
    /// SearchIndexSchemaTests fails then, and the trigger has to be created again.
    /// </summary>
    public partial class SearchTrigramIndex : Migration
    {
        private const string Rewrite = """INSERT OR REPLACE INTO "CaseSearch" (rowid, "Text") SELECT "Id", "Text" FROM "CaseSearchDocuments" """;
        private const string NotPaused = """(SELECT "Paused" FROM "CaseSearchState") = 0""";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Set only inside a bulk import's own write transaction (CaseSearchIndex.PauseForBulkAsync); committed, it is always 0.
            migrationBuilder.Sql("""
                CREATE TABLE "CaseSearchState" ("Id" INTEGER NOT NULL CONSTRAINT "PK_CaseSearchState" PRIMARY KEY CHECK ("Id" = 1), "Paused" INTEGER NOT NULL);
                INSERT INTO "CaseSearchState" ("Id", "Paused") VALUES (1, 0);
                """);
            // Contentless: the index only (the text is in the tables it comes from); contentless_delete lets a row be replaced.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "CaseSearch" USING fts5("Text", tokenize = 'trigram remove_diacritics 1', content = '', contentless_delete = 1);
                """);
            // Fields are joined by a line break, which a search box cannot type, so no term matches across two fields.
            migrationBuilder.Sql("""
                CREATE VIEW "CaseSearchDocuments" AS
                SELECT c."Id",
                       c."Name" || coalesce(char(10) || (
                           SELECT group_concat(coalesce(o."ReferenceId" || char(10), '') || coalesce(o."Email" || char(10), '') || coalesce(o."Name" || char(10), '')
                                               || coalesce(o."NameFirst" || ' ' || o."NameLast", o."NameFirst", o."NameLast", ''), char(10))
                           FROM "CaseObjectLinks" AS l JOIN "Objects" AS o ON o."Id" = l."ObjectId"
                           WHERE l."CaseId" = c."Id"), '') AS "Text"
                FROM "Cases" AS c;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "CaseSearch_CaseInserted" AFTER INSERT ON "Cases" WHEN {NotPaused}
                BEGIN {Rewrite} WHERE "Id" = new."Id"; END;

                CREATE TRIGGER "CaseSearch_CaseRenamed" AFTER UPDATE OF "Name" ON "Cases" WHEN old."Name" IS NOT new."Name"
                BEGIN {Rewrite} WHERE "Id" = new."Id"; END;

                CREATE TRIGGER "CaseSearch_CaseDeleted" AFTER DELETE ON "Cases"
                BEGIN DELETE FROM "CaseSearch" WHERE rowid = old."Id"; END;

                CREATE TRIGGER "CaseSearch_ObjectLinked" AFTER INSERT ON "CaseObjectLinks" WHEN {NotPaused}
                BEGIN {Rewrite} WHERE "Id" = new."CaseId"; END;

                CREATE TRIGGER "CaseSearch_ObjectUnlinked" AFTER DELETE ON "CaseObjectLinks"
                BEGIN {Rewrite} WHERE "Id" = old."CaseId"; END;

                CREATE TRIGGER "CaseSearch_ObjectChanged" AFTER UPDATE OF "ReferenceId", "Email", "Name", "NameFirst", "NameLast" ON "Objects"
                WHEN old."ReferenceId" IS NOT new."ReferenceId" OR old."Email" IS NOT new."Email" OR old."Name" IS NOT new."Name"
                  OR old."NameFirst" IS NOT new."NameFirst" OR old."NameLast" IS NOT new."NameLast"
                BEGIN {Rewrite} WHERE "Id" IN (SELECT "CaseId" FROM "CaseObjectLinks" WHERE "ObjectId" = new."Id"); END;
                """);
            // Assignee names: a separate small index, so renaming a user rewrites one row, not every case they hold.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "UserSearch" USING fts5("UserId" UNINDEXED, "Name", tokenize = 'trigram remove_diacritics 1');

                CREATE TRIGGER "UserSearch_UserInserted" AFTER INSERT ON "AspNetUsers"
                BEGIN INSERT INTO "UserSearch" ("UserId", "Name") VALUES (new."Id", new."DisplayName"); END;

                CREATE TRIGGER "UserSearch_UserRenamed" AFTER UPDATE OF "DisplayName" ON "AspNetUsers" WHEN old."DisplayName" IS NOT new."DisplayName"
                BEGIN
                    DELETE FROM "UserSearch" WHERE "UserId" = old."Id";
                    INSERT INTO "UserSearch" ("UserId", "Name") VALUES (new."Id", new."DisplayName");
                END;

                CREATE TRIGGER "UserSearch_UserDeleted" AFTER DELETE ON "AspNetUsers"
                BEGIN DELETE FROM "UserSearch" WHERE "UserId" = old."Id"; END;
                """);
            // What is already there.
            migrationBuilder.Sql("""
                INSERT INTO "CaseSearch" (rowid, "Text") SELECT "Id", "Text" FROM "CaseSearchDocuments";
                INSERT INTO "UserSearch" ("UserId", "Name") SELECT "Id", "DisplayName" FROM "AspNetUsers";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "UserSearch_UserDeleted";
                DROP TRIGGER "UserSearch_UserRenamed";
                DROP TRIGGER "UserSearch_UserInserted";
                DROP TABLE "UserSearch";
                DROP TRIGGER "CaseSearch_ObjectChanged";
                DROP TRIGGER "CaseSearch_ObjectUnlinked";
                DROP TRIGGER "CaseSearch_ObjectLinked";
                DROP TRIGGER "CaseSearch_CaseDeleted";
                DROP TRIGGER "CaseSearch_CaseRenamed";
                DROP TRIGGER "CaseSearch_CaseInserted";
                DROP VIEW "CaseSearchDocuments";
                DROP TABLE "CaseSearch";
                DROP TABLE "CaseSearchState";
                """);
        }
    }
}
