using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CasesDashboard.Data.Migrations.Postgres
{
    /// <summary>
    /// The case search's trigram index on PostgreSQL (see Features/Cases/Search/PostgresTrigramIndex): tables CaseSearch and
    /// UserSearch (text lower-cased, accents removed) with pg_trgm GIN indexes, the view CaseSearchDocuments, and triggers that
    /// keep both in step with every write. A bulk import pauses the per-row triggers with the transaction-local setting
    /// cases.search_paused and indexes its cases once at the end.
    /// </summary>
    public partial class SearchTrigramIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE EXTENSION IF NOT EXISTS unaccent;

                CREATE TABLE "CaseSearch" ("CaseId" bigint PRIMARY KEY REFERENCES "Cases" ("Id") ON DELETE CASCADE, "Text" text NOT NULL);
                CREATE INDEX "IX_CaseSearch_Text" ON "CaseSearch" USING gin ("Text" gin_trgm_ops);
                CREATE TABLE "UserSearch" ("UserId" text PRIMARY KEY REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE, "Name" text NOT NULL);
                CREATE INDEX "IX_UserSearch_Name" ON "UserSearch" USING gin ("Name" gin_trgm_ops);

                -- Fields are joined by a line break, which a search box cannot type, so no term matches across two fields.
                CREATE VIEW "CaseSearchDocuments" AS
                SELECT c."Id",
                       c."Name" || coalesce(chr(10) || (
                           SELECT string_agg(coalesce(o."ReferenceId" || chr(10), '') || coalesce(o."Email" || chr(10), '') || coalesce(o."Name" || chr(10), '')
                                             || coalesce(o."NameFirst" || ' ' || o."NameLast", o."NameFirst", o."NameLast", ''), chr(10))
                           FROM "CaseObjectLinks" AS l JOIN "Objects" AS o ON o."Id" = l."ObjectId"
                           WHERE l."CaseId" = c."Id"), '') AS "Text"
                FROM "Cases" AS c;

                CREATE FUNCTION cases_search_rewrite(case_id bigint) RETURNS void LANGUAGE sql AS $$
                    INSERT INTO "CaseSearch" ("CaseId", "Text") SELECT "Id", lower(unaccent("Text")) FROM "CaseSearchDocuments" WHERE "Id" = case_id
                    ON CONFLICT ("CaseId") DO UPDATE SET "Text" = EXCLUDED."Text";
                $$;

                CREATE FUNCTION cases_search_paused() RETURNS boolean LANGUAGE sql STABLE AS $$
                    SELECT coalesce(current_setting('cases.search_paused', true), 'off') = 'on';
                $$;

                CREATE FUNCTION cases_search_on_case() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' AND cases_search_paused() THEN RETURN NULL; END IF;
                    PERFORM cases_search_rewrite(NEW."Id");
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "CaseSearch_CaseInserted" AFTER INSERT ON "Cases" FOR EACH ROW EXECUTE FUNCTION cases_search_on_case();
                CREATE TRIGGER "CaseSearch_CaseRenamed" AFTER UPDATE OF "Name" ON "Cases" FOR EACH ROW
                    WHEN (OLD."Name" IS DISTINCT FROM NEW."Name") EXECUTE FUNCTION cases_search_on_case();

                CREATE FUNCTION cases_search_on_link() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NOT cases_search_paused() THEN PERFORM cases_search_rewrite(NEW."CaseId"); END IF;
                    ELSE
                        PERFORM cases_search_rewrite(OLD."CaseId");
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "CaseSearch_ObjectLinked" AFTER INSERT ON "CaseObjectLinks" FOR EACH ROW EXECUTE FUNCTION cases_search_on_link();
                CREATE TRIGGER "CaseSearch_ObjectUnlinked" AFTER DELETE ON "CaseObjectLinks" FOR EACH ROW EXECUTE FUNCTION cases_search_on_link();

                CREATE FUNCTION cases_search_on_object() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM cases_search_rewrite(l."CaseId") FROM "CaseObjectLinks" AS l WHERE l."ObjectId" = NEW."Id";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "CaseSearch_ObjectChanged" AFTER UPDATE OF "ReferenceId", "Email", "Name", "NameFirst", "NameLast" ON "Objects" FOR EACH ROW
                    WHEN (OLD."ReferenceId" IS DISTINCT FROM NEW."ReferenceId" OR OLD."Email" IS DISTINCT FROM NEW."Email" OR OLD."Name" IS DISTINCT FROM NEW."Name"
                          OR OLD."NameFirst" IS DISTINCT FROM NEW."NameFirst" OR OLD."NameLast" IS DISTINCT FROM NEW."NameLast")
                    EXECUTE FUNCTION cases_search_on_object();

                CREATE FUNCTION cases_search_on_user() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO "UserSearch" ("UserId", "Name") VALUES (NEW."Id", lower(unaccent(NEW."DisplayName")))
                    ON CONFLICT ("UserId") DO UPDATE SET "Name" = EXCLUDED."Name";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "UserSearch_UserInserted" AFTER INSERT ON "AspNetUsers" FOR EACH ROW EXECUTE FUNCTION cases_search_on_user();
                CREATE TRIGGER "UserSearch_UserRenamed" AFTER UPDATE OF "DisplayName" ON "AspNetUsers" FOR EACH ROW
                    WHEN (OLD."DisplayName" IS DISTINCT FROM NEW."DisplayName") EXECUTE FUNCTION cases_search_on_user();

                INSERT INTO "CaseSearch" ("CaseId", "Text") SELECT "Id", lower(unaccent("Text")) FROM "CaseSearchDocuments";
                INSERT INTO "UserSearch" ("UserId", "Name") SELECT "Id", lower(unaccent("DisplayName")) FROM "AspNetUsers";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "UserSearch_UserRenamed" ON "AspNetUsers";
                DROP TRIGGER "UserSearch_UserInserted" ON "AspNetUsers";
                DROP FUNCTION cases_search_on_user();
                DROP TRIGGER "CaseSearch_ObjectChanged" ON "Objects";
                DROP FUNCTION cases_search_on_object();
                DROP TRIGGER "CaseSearch_ObjectUnlinked" ON "CaseObjectLinks";
                DROP TRIGGER "CaseSearch_ObjectLinked" ON "CaseObjectLinks";
                DROP FUNCTION cases_search_on_link();
                DROP TRIGGER "CaseSearch_CaseRenamed" ON "Cases";
                DROP TRIGGER "CaseSearch_CaseInserted" ON "Cases";
                DROP FUNCTION cases_search_on_case();
                DROP FUNCTION cases_search_paused();
                DROP FUNCTION cases_search_rewrite(bigint);
                DROP VIEW "CaseSearchDocuments";
                DROP TABLE "UserSearch";
                DROP TABLE "CaseSearch";
                """);
        }
    }
}
