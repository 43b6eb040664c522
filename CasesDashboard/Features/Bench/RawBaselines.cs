using System.Globalization;
using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// The raw store, for comparison only: hand-written SQL over the bare ADO.NET driver (Microsoft.Data.Sqlite or Npgsql) doing
/// what the product's services do, so each product figure has a baseline measured in the same run. The SQL is the same on
/// both stores (quoted identifiers, positional parameters) except where the stores differ: times (text on SQLite), and the
/// search index. Nothing in the product calls this.
/// </summary>
public sealed class RawBaselines(StoreConnection store)
{
    private object T(DateTime t) => store.IsPostgres ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private DbConnection Open()
    {
        DbConnection c = store.IsPostgres ? new NpgsqlConnection(store.ConnectionString) : new SqliteConnection(store.ConnectionString);
        c.Open();
        if (!store.IsPostgres) SqlitePragmas.Apply(c);
        return c;
    }

    /// <summary>Inserts the same rows the bulk importer writes (objects, cases, tags, links, comments, audit) with prepared statements in one transaction.</summary>
    public int Ingest(IReadOnlyList<BenchBatch> batches, IReadOnlyList<TemplateSummary> templates, IReadOnlyDictionary<string, UserInfo> people, Actor actor)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var obj = Prepare(c, tx, """INSERT INTO "Objects" ("Id", "Kind", "ReferenceId", "Status", "CreatedAt", "PayloadJson", "Name", "Email", "NameFirst", "NameLast", "Checks", "ReportType", "MatchCount", "Matches", "Amount", "Currency", "TransactionType", "OccurredAt") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)""", 18);
        var cas = Prepare(c, tx, """INSERT INTO "Cases" ("PublicId", "Name", "TemplateId", "TemplateVersion", "Status", "StatusType", "Priority", "AssigneeId", "AssignerType", "AssignerId", "CreatorType", "CreatorId", "CreatorName", "Resolution", "ResolverType", "ResolverId", "ResolverName", "CreatedAt", "UpdatedAt", "UpdatedByName", "AssignedAt", "ResolvedAt", "SlaExpiresAt", "FieldsJson", "Version") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,1) RETURNING "Id" """, 24);
        var tag = Prepare(c, tx, """INSERT INTO "CaseTags" ("CaseId", "Tag") VALUES ($1,$2)""", 2);
        var link = Prepare(c, tx, """INSERT INTO "CaseObjectLinks" ("CaseId", "ObjectId", "LinkedAt", "LinkedBy") VALUES ($1,$2,$3,$4)""", 4);
        var com = Prepare(c, tx, """INSERT INTO "CaseComments" ("CaseId", "AuthorType", "AuthorId", "AuthorName", "Body", "CreatedAt") VALUES ($1,$2,$3,$4,$5,$6)""", 6);
        var aud = Prepare(c, tx, """INSERT INTO "AuditEvents" ("CaseId", "Type", "ActorType", "ActorId", "ActorName", "At", "Field", "OldValue", "NewValue", "Detail", "CaseVersion") VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,1)""", 10);
        var objAud = Prepare(c, tx, """INSERT INTO "AuditEvents" ("Subject", "Type", "ActorType", "ActorId", "ActorName", "At", "Field", "NewValue") VALUES ($1,$2,$3,$4,$5,$6,'status',$7)""", 7);
        var byKey = templates.ToDictionary(t => t.Key);
        var sequence = templates.ToDictionary(t => t.Key, _ => 1);
        var count = 0;
        // As the bulk importer does: the search index is written once per case at the end, not by each row's trigger.
        Run(Prepare(c, tx, store.IsPostgres ? "SELECT set_config('cases.search_paused', 'on', true)" : """UPDATE "CaseSearchState" SET "Paused" = 1""", 0));
        foreach (var batch in batches)
        {
            foreach (var (kind, items) in new[] { (ObjectKind.Account, batch.Objects.Accounts), (ObjectKind.Inquiry, batch.Objects.Inquiries), (ObjectKind.Report, batch.Objects.Reports), (ObjectKind.Transaction, batch.Objects.Transactions) })
                foreach (var e in items)
                {
                    string? S(string n) => e.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    Run(obj, S("id"), (int)kind, S("reference_id"), S("status") ?? "", T(DateTime.UtcNow), e.GetRawText(), S("name"), S("email"), S("name_first"), S("name_last"),
                        kind == ObjectKind.Inquiry ? "[]" : null, S("report_type"), kind == ObjectKind.Report ? 0 : null, kind == ObjectKind.Report ? "[]" : null,
                        kind == ObjectKind.Transaction ? e.GetProperty("amount").GetDecimal() : null, kind == ObjectKind.Transaction ? "USD" : null, S("transaction_type"),
                        kind == ObjectKind.Transaction ? T(DateTime.UtcNow) : null);
                    Run(objAud, $"object:{S("id")}", $"{kind.ToString().ToLowerInvariant()}.created", (int)ActorType.System, "import", "import", T(DateTime.UtcNow), S("status") ?? "");
                }
            foreach (var b in batch.Cases)
            {
                var t = byKey[b.TemplateKey];
                var status = t.Definition.FindStatus(b.Status)!;
                var assignee = b.AssigneeId is null ? null : people[b.AssigneeId];
                cas.Parameters[0].Value = Common.PublicIds.New("case_");
                var values = new object?[] { null, $"{t.Key}-{sequence[t.Key]++}", t.Id, t.CurrentVersion, status.Key, (int)status.Type, (int)(b.Priority ?? CasePriority.Normal),
                    assignee?.Id, assignee is null ? null : (int)actor.Type, assignee is null ? null : actor.Id, (int)actor.Type, actor.Id, actor.Name,
                    b.ResolvedAt is null ? null : status.Key, b.ResolvedAt is null ? null : (int)ActorType.User, b.ResolvedAt is null ? null : assignee?.Id,
                    b.ResolvedAt is null ? null : assignee?.DisplayName, T(b.CreatedAt), T(b.ResolvedAt ?? b.AssignedAt ?? b.CreatedAt), actor.Name,
                    b.AssignedAt is { } a ? T(a) : null, b.ResolvedAt is { } r ? T(r) : null, T(b.CreatedAt.AddHours(t.Definition.SlaHours)),
                    JsonSerializer.Serialize(b.Fields ?? new Dictionary<string, JsonElement>()) };
                for (var i = 1; i < values.Length; i++) cas.Parameters[i].Value = values[i] ?? DBNull.Value;
                var id = Convert.ToInt64(cas.ExecuteScalar());
                foreach (var x in b.Tags) Run(tag, id, x);
                foreach (var o in b.ObjectIds) Run(link, id, o, T(b.CreatedAt), actor.Name);
                Run(aud, id, "case.created", (int)actor.Type, actor.Id, actor.Name, T(b.CreatedAt), "status", null, status.Label, "imported");
                if (assignee is not null) Run(aud, id, "case.assigned", (int)actor.Type, actor.Id, actor.Name, T(b.AssignedAt!.Value), "assignee", null, assignee.DisplayName, null);
                foreach (var m in b.Comments)
                {
                    Run(com, id, (int)ActorType.User, m.AuthorId, people[m.AuthorId].DisplayName, m.Body, T(m.At));
                    Run(aud, id, "case.commented", (int)actor.Type, actor.Id, actor.Name, T(m.At), "comments", null, m.Body, null);
                }
                if (b.ResolvedAt is { } res) Run(aud, id, "case.resolved", (int)actor.Type, actor.Id, actor.Name, T(res), "resolution", null, status.Label, null);
                count++;
            }
        }
        Run(Prepare(c, tx, store.IsPostgres
            ? """INSERT INTO "CaseSearch" ("CaseId", "Text") SELECT "Id", lower(unaccent("Text")) FROM "CaseSearchDocuments" ON CONFLICT ("CaseId") DO UPDATE SET "Text" = EXCLUDED."Text" """
            : """INSERT INTO "CaseSearch" (rowid, "Text") SELECT "Id", "Text" FROM "CaseSearchDocuments"; UPDATE "CaseSearchState" SET "Paused" = 0""", 0));
        tx.Commit();
        return count;
    }

    /// <summary>The grid query by hand: count, one page sorted by SLA due, and the page's tags.</summary>
    public int GridPage(int templateId, string status, int offset)
    {
        using var c = Open();
        var total = Convert.ToInt32(Scalar(c, """SELECT COUNT(*) FROM "Cases" WHERE "Status" = $1 AND "TemplateId" = $2""", status, templateId));
        var ids = ReadAll(c, """
            SELECT "Id", "PublicId", "Name", "TemplateId", "TemplateVersion", "Status", "StatusType", "Priority", "AssigneeId", "CreatedAt", "UpdatedAt", "SlaExpiresAt", "ResolvedAt"
            FROM "Cases" WHERE "Status" = $1 AND "TemplateId" = $2 ORDER BY "SlaExpiresAt", "Id" LIMIT 50 OFFSET $3
            """, status, templateId, offset);
        ReadAll(c, $"""SELECT "CaseId", "Tag" FROM "CaseTags" WHERE "CaseId" IN ({string.Join(',', ids.DefaultIfEmpty(0L))})""");
        return total;
    }

    /// <summary>The grid filtered on one template field by hand (<c>json_extract</c>, as the product compiles it): count and one page by SLA.</summary>
    public int GridFieldPage(int templateId, string path, string value, int offset)
    {
        using var c = Open();
        var where = $"""FROM "Cases" WHERE "TemplateId" = $1 AND {(store.IsPostgres ? "cases_field_text" : "json_extract")}("FieldsJson", $2) = $3""";
        var total = Convert.ToInt32(Scalar(c, "SELECT COUNT(*) " + where, templateId, path, value));
        var ids = ReadAll(c, """SELECT "Id", "PublicId", "Name", "TemplateId", "TemplateVersion", "Status", "StatusType", "Priority", "AssigneeId", "CreatedAt", "UpdatedAt", "SlaExpiresAt", "ResolvedAt", "FieldsJson" """ +
            where + """ ORDER BY "SlaExpiresAt", "Id" LIMIT 50 OFFSET $4""", templateId, path, value, offset);
        ReadAll(c, $"""SELECT "CaseId", "Tag" FROM "CaseTags" WHERE "CaseId" IN ({string.Join(',', ids.DefaultIfEmpty(0L))})""");
        return total;
    }

    /// <summary>
    /// The grid's free-text search by hand, over the same trigram index: count the matches, read the newest 50 matching cases
    /// and their tags.
    /// </summary>
    public int GridSearch(string term)
    {
        using var c = Open();
        var (hits, match) = store.IsPostgres
            ? ("""SELECT "CaseId" FROM "CaseSearch" WHERE "Text" LIKE lower(unaccent($1))""", (object)("%" + term + "%"))
            : ("""SELECT rowid FROM "CaseSearch" WHERE "CaseSearch" MATCH $1""", "\"" + term.Replace("\"", "\"\"") + "\"");
        var total = Convert.ToInt32(Scalar(c, $"SELECT count(*) FROM ({hits}) AS h", match));
        var ids = ReadAll(c, $"""
            SELECT "Id", "PublicId", "Name", "TemplateId", "TemplateVersion", "Status", "StatusType", "Priority", "AssigneeId", "CreatedAt", "UpdatedAt", "SlaExpiresAt", "ResolvedAt"
            FROM "Cases" WHERE "Id" IN ({hits}) ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT 50
            """, match);
        ReadAll(c, $"""SELECT "CaseId", "Tag" FROM "CaseTags" WHERE "CaseId" IN ({string.Join(',', ids.DefaultIfEmpty(0L))})""");
        return total;
    }

    /// <summary>The case page by hand: the case, tags, comments, documents, linked objects, their other cases, the timeline.</summary>
    public void CasePage(string publicId)
    {
        using var c = Open();
        var id = ReadAll(c, """SELECT * FROM "Cases" WHERE "PublicId" = $1""", publicId).Single();
        foreach (var sql in new[]
        {
            """SELECT "Tag" FROM "CaseTags" WHERE "CaseId" = $1""",
            """SELECT * FROM "CaseComments" WHERE "CaseId" = $1 ORDER BY "Id" """,
            """SELECT * FROM "ExternalDocuments" WHERE "CaseId" = $1 ORDER BY "Id" """,
            """SELECT * FROM "CaseObjectLinks" WHERE "CaseId" = $1""",
            """SELECT o.* FROM "Objects" o JOIN "CaseObjectLinks" l ON l."ObjectId" = o."Id" WHERE l."CaseId" = $1""",
            """SELECT l."ObjectId", x."PublicId", x."Name" FROM "CaseObjectLinks" l JOIN "Cases" x ON x."Id" = l."CaseId" WHERE l."ObjectId" IN (SELECT "ObjectId" FROM "CaseObjectLinks" WHERE "CaseId" = $1) AND l."CaseId" <> $1 ORDER BY x."Id" LIMIT 500""",
            """SELECT * FROM "AuditEvents" WHERE "CaseId" = $1 ORDER BY "Id" """,
        })
            ReadAll(c, sql, id);
    }

    /// <summary>
    /// The API's list by hand: one keyset page of a template + status, newest first, with its tags and links; returns the cursor
    /// (the last row id) for the next page.
    /// </summary>
    public long? ListPage(int templateId, string status, long? afterId, int size)
    {
        using var c = Open();
        var keyset = afterId is null ? "" : """AND ("CreatedAt", "Id") < (SELECT "CreatedAt", "Id" FROM "Cases" WHERE "Id" = $3)""";
        var ids = ReadAll(c, $"""
            SELECT "Id", "PublicId", "Name", "TemplateId", "Status", "AssigneeId", "CreatedAt", "UpdatedAt", "SlaExpiresAt", "FieldsJson", "Version" FROM "Cases"
            WHERE "Status" = $1 AND "TemplateId" = $2 {keyset} ORDER BY "CreatedAt" DESC, "Id" DESC LIMIT {size + 1}
            """, afterId is null ? [status, templateId] : [status, templateId, afterId.Value]);
        var inList = string.Join(',', ids.DefaultIfEmpty(0L));
        ReadAll(c, $"""SELECT "CaseId", "Tag" FROM "CaseTags" WHERE "CaseId" IN ({inList})""");
        ReadAll(c, $"""SELECT "CaseId", "ObjectId" FROM "CaseObjectLinks" WHERE "CaseId" IN ({inList})""");
        return ids.Count > size ? ids[size - 1] : null;
    }

    /// <summary>
    /// Next case by hand, on the claimer's own connection: the first waiting case of the queue (over the queue's waiting index)
    /// assigned and its audit row written in one transaction — on SQLite a single <c>UPDATE … RETURNING</c> with this process's
    /// claimers taking turns on <paramref name="writer"/> as the product's do; on PostgreSQL the row selected
    /// <c>FOR UPDATE SKIP LOCKED</c>. Returns the claimed case id, or null when the queue is empty.
    /// </summary>
    public long? Claim(DbConnection c, SemaphoreSlim writer, int queueId, string orderBy, string userId, string userName)
    {
        if (!store.IsPostgres) writer.Wait();
        try
        {
            using var tx = store.IsPostgres ? c.BeginTransaction(System.Data.IsolationLevel.ReadCommitted) : ((SqliteConnection)c).BeginTransaction(deferred: false);
            var now = T(DateTime.UtcNow);
            var first = $"""SELECT "Id" FROM "Cases" WHERE "QueueId" = $4 AND {Queues.QueueOrders.WaitingFilter} ORDER BY {orderBy} LIMIT 1""";
            var assign = """SET "AssigneeId" = $1, "AssignedAt" = $2, "AssignerType" = 0, "AssignerId" = $1, "UpdatedAt" = $2, "UpdatedByName" = $3, "UpdaterType" = 0, "UpdaterId" = $1, "Version" = "Version" + 1""";
            using var claim = Command(c, store.IsPostgres
                ? $"""UPDATE "Cases" {assign} WHERE "Id" = ({first} FOR UPDATE SKIP LOCKED) RETURNING "Id", "Version" """
                : $"""UPDATE "Cases" {assign} WHERE "Id" = ({first}) RETURNING "Id", "Version" """, userId, now, userName, queueId);
            claim.Transaction = tx;
            long id, version;
            using (var r = claim.ExecuteReader())
            {
                if (!r.Read()) return null;
                (id, version) = (Convert.ToInt64(r.GetValue(0)), Convert.ToInt64(r.GetValue(1)));
            }
            using var audit = Command(c, """
                INSERT INTO "AuditEvents" ("CaseId", "Type", "ActorType", "ActorId", "ActorName", "At", "Field", "NewValue", "CaseVersion")
                VALUES ($1, 'case.assigned', 0, $2, $3, $4, 'assignee', $3, $5)
                """, id, userId, userName, now, version);
            audit.Transaction = tx;
            audit.ExecuteNonQuery();
            tx.Commit();
            return id;
        }
        finally { if (!store.IsPostgres) writer.Release(); }
    }

    /// <summary>A connection of this baseline's own (a claimer keeps one for its run).</summary>
    public DbConnection Connect() => Open();

    /// <summary>One queue's counts by hand: open, within SLA, waiting, the oldest open case.</summary>
    public void QueueCounts(int queueId)
    {
        using var c = Open();
        var now = T(DateTime.UtcNow);
        Scalar(c, """SELECT COUNT(*) FROM "Cases" WHERE "QueueId" = $1 AND "StatusType" <> 2""", queueId);
        Scalar(c, """SELECT COUNT(*) FROM "Cases" WHERE "QueueId" = $1 AND "StatusType" <> 2 AND "SlaExpiresAt" > $2""", queueId, now);
        Scalar(c, """SELECT "CreatedAt" FROM "Cases" WHERE "QueueId" = $1 AND "StatusType" <> 2 ORDER BY "CreatedAt", "Id" LIMIT 1""", queueId);
        Scalar(c, $"""SELECT COUNT(*) FROM "Cases" WHERE "QueueId" = $1 AND {Queues.QueueOrders.WaitingFilter}""", queueId);
    }

    /// <summary>
    /// The dashboard's main figures by hand over the same range: open by status type, created and resolved per day, resolutions,
    /// SLA met, resolvers — plain aggregates, without percentiles or the audit trail.
    /// </summary>
    public void AnalyticsAggregates(DateOnly from, DateOnly to)
    {
        using var c = Open();
        var (start, end) = (T(from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)), T(to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)));
        var day = store.IsPostgres ? "CAST(\"{0}\" AS date)" : "date(\"{0}\")";
        void Rows(string sql, params object[] args)
        {
            using var cmd = Command(c, sql, args);
            using var r = cmd.ExecuteReader();
            while (r.Read()) { }
        }
        Rows("""SELECT "StatusType", COUNT(*) FROM "Cases" WHERE "StatusType" <> 2 GROUP BY "StatusType" """);
        Rows($"""SELECT {string.Format(day, "CreatedAt")}, COUNT(*) FROM "Cases" WHERE "CreatedAt" >= $1 AND "CreatedAt" < $2 GROUP BY 1""", start, end);
        Rows($"""SELECT {string.Format(day, "ResolvedAt")}, COUNT(*) FROM "Cases" WHERE "ResolvedAt" >= $1 AND "ResolvedAt" < $2 GROUP BY 1""", start, end);
        Rows("""SELECT "Resolution", COUNT(*) FROM "Cases" WHERE "ResolvedAt" >= $1 AND "ResolvedAt" < $2 GROUP BY "Resolution" """, start, end);
        Rows("""SELECT "TemplateId", COUNT(*), SUM(CASE WHEN "ResolvedAt" <= "SlaExpiresAt" THEN 1 ELSE 0 END) FROM "Cases" WHERE "ResolvedAt" >= $1 AND "ResolvedAt" < $2 GROUP BY "TemplateId" """, start, end);
        Rows("""SELECT "ResolverId", COUNT(*) FROM "Cases" WHERE "ResolvedAt" >= $1 AND "ResolvedAt" < $2 GROUP BY "ResolverId" """, start, end);
    }

    private DbCommand Command(DbConnection c, string sql, params object[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var v in args) cmd.Parameters.Add(Parameter(cmd, cmd.Parameters.Count + 1, v));
        return cmd;
    }

    private object? Scalar(DbConnection c, string sql, params object[] args)
    {
        using var cmd = Command(c, sql, args);
        return cmd.ExecuteScalar();
    }

    /// <summary>Positional parameters: <c>$1</c>, <c>$2</c>… (named so on SQLite, native on PostgreSQL).</summary>
    private DbParameter Parameter(DbCommand cmd, int position, object? value)
    {
        var p = cmd.CreateParameter();
        if (!store.IsPostgres) p.ParameterName = $"${position}";
        p.Value = value ?? DBNull.Value;
        return p;
    }

    private List<long> ReadAll(DbConnection c, string sql, params object[] args)
    {
        using var cmd = Command(c, sql, args);
        using var r = cmd.ExecuteReader();
        var firsts = new List<long>();
        var values = new object[r.FieldCount];
        while (r.Read())
        {
            r.GetValues(values);
            firsts.Add(values[0] is long or int ? Convert.ToInt64(values[0]) : 0);
        }
        return firsts;
    }

    private DbCommand Prepare(DbConnection c, DbTransaction tx, string sql, int parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 1; i <= parameters; i++) cmd.Parameters.Add(Parameter(cmd, i, null));
        if (!store.IsPostgres) cmd.Prepare();   // Npgsql cannot prepare untyped parameters; PostgreSQL plans them on first use
        return cmd;
    }

    private static void Run(DbCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }
}
