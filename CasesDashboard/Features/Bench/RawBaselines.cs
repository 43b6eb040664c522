using System.Globalization;
using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.Data.Sqlite;

namespace CasesDashboard.Features.Bench;

/// <summary>
/// The raw store, for comparison only: hand-written SQL over Microsoft.Data.Sqlite doing what the product's services
/// do, so each product figure has a baseline measured in the same run. Nothing in the product calls this.
/// </summary>
public sealed class RawBaselines(string connectionString)
{
    private static string T(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(connectionString);
        c.Open();
        SqlitePragmas.Apply(c);
        return c;
    }

    /// <summary>Inserts the same rows the bulk importer writes (objects, cases, tags, links, comments, audit) with prepared statements in one transaction.</summary>
    public int Ingest(IReadOnlyList<BenchBatch> batches, IReadOnlyList<TemplateSummary> templates, IReadOnlyDictionary<string, UserInfo> people, Actor actor)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var obj = Prepare(c, tx, "INSERT INTO Objects (Id, Kind, ReferenceId, Status, CreatedAt, PayloadJson, Name, Email, NameFirst, NameLast, Checks, ReportType, MatchCount, Matches, Amount, Currency, TransactionType, OccurredAt) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)", 18);
        var cas = Prepare(c, tx, "INSERT INTO Cases (PublicId, Name, TemplateId, TemplateVersion, Status, StatusType, Priority, AssigneeId, AssignerType, AssignerId, CreatorType, CreatorId, CreatorName, Resolution, ResolverType, ResolverId, ResolverName, CreatedAt, UpdatedAt, UpdatedByName, AssignedAt, ResolvedAt, SlaExpiresAt, FieldsJson, Version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,1) RETURNING Id", 24);
        var tag = Prepare(c, tx, "INSERT INTO CaseTags (CaseId, Tag) VALUES ($1,$2)", 2);
        var link = Prepare(c, tx, "INSERT INTO CaseObjectLinks (CaseId, ObjectId, LinkedAt, LinkedBy) VALUES ($1,$2,$3,$4)", 4);
        var com = Prepare(c, tx, "INSERT INTO CaseComments (CaseId, AuthorType, AuthorId, AuthorName, Body, CreatedAt) VALUES ($1,$2,$3,$4,$5,$6)", 6);
        var aud = Prepare(c, tx, "INSERT INTO AuditEvents (CaseId, Type, ActorType, ActorId, ActorName, At, Field, OldValue, NewValue, Detail, CaseVersion) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,1)", 10);
        var objAud = Prepare(c, tx, "INSERT INTO AuditEvents (Subject, Type, ActorType, ActorId, ActorName, At, Field, NewValue) VALUES ($1,$2,$3,$4,$5,$6,'status',$7)", 7);
        var byKey = templates.ToDictionary(t => t.Key);
        var sequence = templates.ToDictionary(t => t.Key, _ => 1);
        var count = 0;
        // As the bulk importer does: the search index is written once per case at the end, not by each row's trigger.
        Run(Prepare(c, tx, "UPDATE CaseSearchState SET Paused = 1", 0));
        foreach (var batch in batches)
        {
            foreach (var (kind, items) in new[] { (ObjectKind.Account, batch.Objects.Accounts), (ObjectKind.Inquiry, batch.Objects.Inquiries), (ObjectKind.Report, batch.Objects.Reports), (ObjectKind.Transaction, batch.Objects.Transactions) })
                foreach (var e in items)
                {
                    string? S(string n) => e.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    Run(obj, S("id"), (int)kind, S("reference_id"), S("status") ?? "", T(DateTime.UtcNow), e.GetRawText(), S("name"), S("email"), S("name_first"), S("name_last"),
                        kind == ObjectKind.Inquiry ? "[]" : null, S("report_type"), kind == ObjectKind.Report ? 0 : null, kind == ObjectKind.Report ? "[]" : null,
                        kind == ObjectKind.Transaction ? e.GetProperty("amount").GetDouble() : null, kind == ObjectKind.Transaction ? "USD" : null, S("transaction_type"),
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
                var id = (long)cas.ExecuteScalar()!;
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
        Run(Prepare(c, tx, "INSERT INTO CaseSearch (rowid, Text) SELECT Id, Text FROM CaseSearchDocuments; UPDATE CaseSearchState SET Paused = 0", 0));
        tx.Commit();
        return count;
    }

    /// <summary>The grid query by hand: count, one page sorted by SLA due, and the page's tags.</summary>
    public int GridPage(int templateId, string status, int offset)
    {
        using var c = Open();
        using var count = c.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Cases WHERE Status = $s AND TemplateId = $t";
        count.Parameters.AddWithValue("$s", status);
        count.Parameters.AddWithValue("$t", templateId);
        var total = Convert.ToInt32(count.ExecuteScalar());
        var ids = ReadAll(c, "SELECT Id, PublicId, Name, TemplateId, TemplateVersion, Status, StatusType, Priority, AssigneeId, CreatedAt, UpdatedAt, SlaExpiresAt, ResolvedAt " +
            "FROM Cases WHERE Status = $s AND TemplateId = $t ORDER BY SlaExpiresAt, Id LIMIT 50 OFFSET $o", ("$s", status), ("$t", templateId), ("$o", offset));
        ReadAll(c, $"SELECT CaseId, Tag FROM CaseTags WHERE CaseId IN ({string.Join(',', ids.DefaultIfEmpty(0L))})");
        return total;
    }

    /// <summary>The grid filtered on one template field by hand (<c>json_extract</c>, as the product compiles it): count and one page by SLA.</summary>
    public int GridFieldPage(int templateId, string path, string value, int offset)
    {
        using var c = Open();
        const string where = "FROM Cases WHERE TemplateId = $t AND json_extract(FieldsJson, $p) = $v";
        using var count = c.CreateCommand();
        count.CommandText = "SELECT COUNT(*) " + where;
        count.Parameters.AddWithValue("$t", templateId);
        count.Parameters.AddWithValue("$p", path);
        count.Parameters.AddWithValue("$v", value);
        var total = Convert.ToInt32(count.ExecuteScalar());
        var ids = ReadAll(c, "SELECT Id, PublicId, Name, TemplateId, TemplateVersion, Status, StatusType, Priority, AssigneeId, CreatedAt, UpdatedAt, SlaExpiresAt, ResolvedAt, FieldsJson " +
            where + " ORDER BY SlaExpiresAt, Id LIMIT 50 OFFSET $o", ("$t", templateId), ("$p", path), ("$v", value), ("$o", offset));
        ReadAll(c, $"SELECT CaseId, Tag FROM CaseTags WHERE CaseId IN ({string.Join(',', ids.DefaultIfEmpty(0L))})");
        return total;
    }

    /// <summary>
    /// The grid's free-text search by hand, over the same trigram index: count the matches, read the newest 50 matching cases
    /// and their tags.
    /// </summary>
    public int GridSearch(string term)
    {
        using var c = Open();
        var match = ("$m", (object)("\"" + term.Replace("\"", "\"\"") + "\""));
        using var count = c.CreateCommand();
        count.CommandText = "SELECT count(*) FROM CaseSearch WHERE CaseSearch MATCH $m";
        count.Parameters.AddWithValue(match.Item1, match.Item2);
        var total = Convert.ToInt32(count.ExecuteScalar());
        var ids = ReadAll(c, "SELECT Id, PublicId, Name, TemplateId, TemplateVersion, Status, StatusType, Priority, AssigneeId, CreatedAt, UpdatedAt, SlaExpiresAt, ResolvedAt " +
            "FROM Cases WHERE Id IN (SELECT rowid FROM CaseSearch WHERE CaseSearch MATCH $m) ORDER BY CreatedAt DESC, Id DESC LIMIT 50", match);
        ReadAll(c, $"SELECT CaseId, Tag FROM CaseTags WHERE CaseId IN ({string.Join(',', ids.DefaultIfEmpty(0L))})");
        return total;
    }

    /// <summary>The case page by hand: the case, tags, comments, documents, linked objects, their other cases, the timeline.</summary>
    public void CasePage(string publicId)
    {
        using var c = Open();
        var id = ReadAll(c, "SELECT * FROM Cases WHERE PublicId = $p", ("$p", publicId)).Single();
        foreach (var sql in new[]
        {
            "SELECT Tag FROM CaseTags WHERE CaseId = $c",
            "SELECT * FROM CaseComments WHERE CaseId = $c ORDER BY Id",
            "SELECT * FROM ExternalDocuments WHERE CaseId = $c ORDER BY Id",
            "SELECT * FROM CaseObjectLinks WHERE CaseId = $c",
            "SELECT o.* FROM Objects o JOIN CaseObjectLinks l ON l.ObjectId = o.Id WHERE l.CaseId = $c",
            "SELECT l.ObjectId, x.PublicId, x.Name FROM CaseObjectLinks l JOIN Cases x ON x.Id = l.CaseId WHERE l.ObjectId IN (SELECT ObjectId FROM CaseObjectLinks WHERE CaseId = $c) AND l.CaseId <> $c ORDER BY x.Id LIMIT 500",
            "SELECT * FROM AuditEvents WHERE CaseId = $c ORDER BY Id",
        })
            ReadAll(c, sql, ("$c", id));
    }

    /// <summary>
    /// The API's list by hand: one keyset page of a template + status, newest first, with its tags and links; returns the cursor
    /// (the last row id) for the next page.
    /// </summary>
    public long? ListPage(int templateId, string status, long? afterId, int size)
    {
        using var c = Open();
        var keyset = afterId is null ? "" : "AND (CreatedAt, Id) < (SELECT CreatedAt, Id FROM Cases WHERE Id = $a)";
        var ids = ReadAll(c, $"SELECT Id, PublicId, Name, TemplateId, Status, AssigneeId, CreatedAt, UpdatedAt, SlaExpiresAt, FieldsJson, Version FROM Cases " +
            $"WHERE Status = $s AND TemplateId = $t {keyset} ORDER BY CreatedAt DESC, Id DESC LIMIT {size + 1}",
            ("$s", status), ("$t", templateId), ("$a", afterId ?? 0));
        var inList = string.Join(',', ids.DefaultIfEmpty(0L));
        ReadAll(c, $"SELECT CaseId, Tag FROM CaseTags WHERE CaseId IN ({inList})");
        ReadAll(c, $"SELECT CaseId, ObjectId FROM CaseObjectLinks WHERE CaseId IN ({inList})");
        return ids.Count > size ? ids[size - 1] : null;
    }

    private static List<long> ReadAll(SqliteConnection c, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        using var r = cmd.ExecuteReader();
        var firsts = new List<long>();
        var values = new object[r.FieldCount];
        while (r.Read())
        {
            r.GetValues(values);
            firsts.Add(values[0] is long l ? l : 0);
        }
        return firsts;
    }

    private static SqliteCommand Prepare(SqliteConnection c, SqliteTransaction tx, string sql, int parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        for (var i = 1; i <= parameters; i++) cmd.Parameters.Add(new SqliteParameter($"${i}", null));
        cmd.Prepare();
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }
}
