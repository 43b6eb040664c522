using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using CasesDashboard.Data;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Objects;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;

namespace CasesDashboard.Features.Cases;

/// <summary>
/// Turns a <see cref="CasePredicate"/> into a query condition over indexed columns (and <c>json_extract</c> for template fields).
/// Unknown attributes, operators and values of the wrong shape are refused as malformed, each at its path. One language serves
/// the API's search, queue routing and automations. <paramref name="queues"/> maps queue public ids to row ids; <paramref name="now"/>
/// is the instant relative conditions (<c>accounts.age_days</c>) count from — the caller's clock (automations pass theirs;
/// without one, the system clock).
/// </summary>
internal sealed class CaseConditions(CasesDbContext db, IReadOnlyList<TemplateSummary> templates, IReadOnlyList<UserInfo> users,
    IReadOnlyDictionary<string, int>? queues = null, DateTime? now = null)
{
    private readonly DateTime at = now ?? TimeProvider.System.GetUtcNow().UtcDateTime;
    public const int MaxConditions = 100;
    private static readonly string[] Equality = ["eq", "not_eq", "in", "not_in"];
    private static readonly string[] Ordering = ["eq", "not_eq", "gt", "gte", "lt", "lte"];
    private static readonly string[] Priorities = Enum.GetNames<CasePriority>().Select(n => n.ToLowerInvariant()).ToArray();
    private int count;

    /// <summary>
    /// Conditions on linked objects: "a linked report whose match_count is above 0". Each holds when some linked object of the
    /// kind meets it (quantifier <c>any</c>, the default) or when every one does (<c>all</c>, true when none is linked); under
    /// <c>not</c> (or not_eq / not_in) it holds when none does. <c>&lt;kind&gt;.count</c> counts the linked objects of the kind;
    /// <c>&lt;kind&gt;.age_days</c> is the days since the object was created (an account opened over a year ago: gt 365).
    /// </summary>
    public static readonly IReadOnlyList<string> LinkedAttributes =
    [
        "inquiries.status", "inquiries.created_at", "inquiries.age_days", "inquiries.count",
        "accounts.status", "accounts.email", "accounts.reference_id", "accounts.created_at", "accounts.age_days", "accounts.count",
        "reports.report_type", "reports.status", "reports.match_count", "reports.created_at", "reports.age_days", "reports.count",
        "transactions.transaction_type", "transactions.status", "transactions.amount", "transactions.currency", "transactions.occurred_at",
        "transactions.created_at", "transactions.age_days", "transactions.count",
    ];

    /// <summary>The operators each linked attribute takes, by its last part.</summary>
    public static IReadOnlyList<string> LinkedOperators(string attribute) => attribute[(attribute.IndexOf('.') + 1)..] switch
    {
        "age_days" => ["gt", "gte", "lt", "lte"],
        "count" or "amount" or "match_count" or "created_at" or "occurred_at" => ["eq", "not_eq", "gt", "gte", "lt", "lte"],
        _ => ["eq", "not_eq", "in", "not_in"],
    };

    /// <summary>The attributes a condition may test, for error messages and the API reference.</summary>
    public static readonly IReadOnlyList<string> Attributes =
    [
        "status", "state", "template", "name", "priority", "assignee", "resolver", "case_queue", "tags", "object_id", "reference_id",
        "created_at", "updated_at", "assigned_at", "resolved_at", "sla_expires_at", "redacted_at", "fields.<key>",
        "external.<document name> (with json_path)", .. LinkedAttributes,
    ];

    public Expression<Func<Case, bool>> Compile(CasePredicate predicate) => predicate switch
    {
        AllOf all => Combine(all, all.Items, Expression.AndAlso),
        AnyOf any => Combine(any, any.Items, Expression.OrElse),
        NotOf not => Negate(Compile(not.Inner)),
        Condition c => ++count > MaxConditions ? throw Bad(c.Path, $"A query has at most {MaxConditions} conditions.") : Leaf(c),
        _ => throw new ArgumentOutOfRangeException(nameof(predicate)),
    };

    private Expression<Func<Case, bool>> Combine(CasePredicate node, IReadOnlyList<CasePredicate> items, Func<Expression, Expression, BinaryExpression> join)
    {
        if (items.Count == 0) throw Bad(node.Path, "An and / or needs at least one condition.");
        var parts = items.Select(Compile).ToList();
        var p = parts[0].Parameters[0];
        var body = parts.Skip(1).Aggregate(parts[0].Body, (acc, next) => join(acc, Rebind(next, p)));
        return Expression.Lambda<Func<Case, bool>>(body, p);
    }

    private static Expression<Func<Case, bool>> Negate(Expression<Func<Case, bool>> e) =>
        Expression.Lambda<Func<Case, bool>>(Expression.Not(e.Body), e.Parameters);

    private Expression<Func<Case, bool>> Leaf(Condition c)
    {
        var attribute = c.Attribute;
        if (LinkedAttributes.Contains(attribute)) return LinkedLeaf(c);
        if (c.Quantifier is not null)
            throw Bad($"{c.Path}.quantifier", $"A quantifier applies to linked objects only ({string.Join(", ", LinkedAttributes)}).");
        if (attribute.StartsWith("external.", StringComparison.Ordinal)) return External(c, attribute[9..]);
        if (c.JsonPath is not null) throw Bad($"{c.Path}.json_path", "json_path applies to external data only (attribute external.<document name>).");
        if (attribute.StartsWith("fields.", StringComparison.Ordinal)) return Field(c, attribute[7..]);
        return attribute switch
        {
            "status" => Strings(c, Equality, v => x => x.Status == v),
            "name" => Strings(c, Equality, v => x => x.Name == v),
            "template" => Template(c),
            "state" => Strings(c, ["eq", "not_eq"], v => v switch
            {
                "open" => x => x.StatusType != StatusType.End,
                "resolved" => x => x.StatusType == StatusType.End,
                _ => throw Bad($"{c.Path}.value", "state is open or resolved."),
            }),
            "priority" => Strings(c, Equality, v => Enum.TryParse<CasePriority>(v, true, out var p) && Priorities.Contains(v)
                ? x => x.Priority == p : throw Bad($"{c.Path}.value", $"priority is one of {string.Join(", ", Priorities)}.")),
            "assignee" => People(c, v => x => x.AssigneeId == v),
            "resolver" => People(c, v => x => x.ResolverId == v),
            "case_queue" => Queue(c),
            "tags" or "tag" => Strings(c, ["contains", "in"], v => x => x.Tags.Any(t => t.Tag == v)),
            "object_id" => Strings(c, Equality, v => x => x.Links.Any(l => l.ObjectId == v)),
            "reference_id" => Strings(c, Equality, v => x => x.Links.Any(l => db.Objects.Any(o => o.Id == l.ObjectId && o.ReferenceId == v))),
            "created_at" => Times(c, x => x.CreatedAt),
            "updated_at" => Times(c, x => x.UpdatedAt),
            "sla_expires_at" => Times(c, x => x.SlaExpiresAt),
            "assigned_at" => NullableTimes(c, x => x.AssignedAt),
            "resolved_at" => NullableTimes(c, x => x.ResolvedAt),
            "redacted_at" => NullableTimes(c, x => x.RedactedAt),
            _ => throw Bad($"{c.Path}.attribute", $"'{attribute}' cannot be searched; use one of {string.Join(", ", Attributes)}."),
        };
    }

    /// <summary>eq / not_eq one string, in / not_in a list of them, contains one (for lists such as tags).</summary>
    private Expression<Func<Case, bool>> Strings(Condition c, string[] operators, Func<string, Expression<Func<Case, bool>>> test)
    {
        var value = Value(c, operators);
        return c.Operator switch
        {
            "in" or "not_in" => WithNegation(c, AnyOfValues(c, StringList(c, value).Select(test).ToList())),
            _ => WithNegation(c, test(String(c, value))),
        };
    }

    private Expression<Func<Case, bool>> Template(Condition c) => Strings(c, Equality, v =>
    {
        var key = TemplateIds.KeyOf(v);
        var id = templates.FirstOrDefault(t => t.Key == key)?.Id ?? throw Bad($"{c.Path}.value", $"There is no case template '{v}'.");
        return x => x.TemplateId == id;
    });

    /// <summary>A queue by its public id (<c>cq_…</c>); null means none.</summary>
    private Expression<Func<Case, bool>> Queue(Condition c)
    {
        var value = Value(c, Equality);
        int? Id(JsonElement v, string path) => v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind != JsonValueKind.String ? throw Bad(path, "must be a case queue id (cq_…) or null.")
            : queues is not null && queues.TryGetValue(v.GetString()!, out var id) ? id
            : throw Bad(path, $"There is no case queue '{v.GetString()}'.");
        Expression<Func<Case, bool>> Test(int? id) => x => x.QueueId == id;
        return c.Operator is "in" or "not_in"
            ? WithNegation(c, AnyOfValues(c, List(c, value).Select((v, i) => Test(Id(v, $"{c.Path}.value[{i}]"))).ToList()))
            : WithNegation(c, Test(Id(value, $"{c.Path}.value")));
    }

    /// <summary>Some object of kind <typeparamref name="T"/> linked to the case meets <paramref name="test"/>.</summary>
    private Expression<Func<Case, bool>> Linked<T>(Expression<Func<T, bool>> test) where T : CaseObject =>
        x => x.Links.Any(l => db.Objects.OfType<T>().Where(test).Any(o => o.Id == l.ObjectId));

    /// <summary>
    /// A linked-object leaf: the object test for the positive operator (not_eq tests eq, not_in tests in), then "some linked object
    /// passes" (any) or "no linked object fails" (all); not_eq / not_in negate "some passes", so they mean "none equals" either way.
    /// </summary>
    private Expression<Func<Case, bool>> LinkedLeaf(Condition c)
    {
        var dot = c.Attribute.IndexOf('.');
        var (kind, member) = (c.Attribute[..dot], c.Attribute[(dot + 1)..]);
        var value = Value(c, [.. LinkedOperators(c.Attribute)]);
        var prefix = CaseObject.PrefixOf(kind switch
        {
            "inquiries" => ObjectKind.Inquiry, "accounts" => ObjectKind.Account, "reports" => ObjectKind.Report, _ => ObjectKind.Transaction,
        });
        if (member == "count")
        {
            if (c.Quantifier is not null) throw Bad($"{c.Path}.quantifier", $"{c.Attribute} counts the linked objects: no quantifier.");
            var n = WholeNumber(c, value, $"{c.Path}.value");
            Expression<Func<Case, int>> count = x => x.Links.Count(l => l.ObjectId.StartsWith(prefix));
            return Compare(c, count, Expression.Constant(n));
        }
        return kind switch
        {
            "inquiries" => Quantified<Inquiry>(c, value, member switch
            {
                "status" => StringTest<Inquiry>(o => o.Status),
                _ => CommonTest<Inquiry>(c, member),
            }),
            "accounts" => Quantified<Account>(c, value, member switch
            {
                "status" => StringTest<Account>(o => o.Status),
                "email" => StringTest<Account>(o => o.Email),
                "reference_id" => StringTest<Account>(o => o.ReferenceId),
                _ => CommonTest<Account>(c, member),
            }),
            "reports" => Quantified<Report>(c, value, member switch
            {
                "report_type" => StringTest<Report>(o => o.ReportType),
                "status" => StringTest<Report>(o => o.Status),
                "match_count" => (v, op, path) => Ordered<Report, int>(o => o.MatchCount, op, WholeNumber(c, v, path)),
                _ => CommonTest<Report>(c, member),
            }),
            _ => Quantified<Transaction>(c, value, member switch
            {
                "transaction_type" => StringTest<Transaction>(o => o.TransactionType),
                "status" => StringTest<Transaction>(o => o.Status),
                "currency" => StringTest<Transaction>(o => o.Currency),
                "amount" => (v, op, path) => Ordered<Transaction, decimal>(o => o.Amount, op, v.ValueKind == JsonValueKind.Number ? v.GetDecimal()
                    : v.ValueKind == JsonValueKind.String && decimal.TryParse(v.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d
                    : throw Bad(path, "transactions.amount takes a number (or its exact text, \"499.99\").")),
                "occurred_at" => (v, op, path) => Ordered<Transaction, DateTime>(o => o.OccurredAt, op, Time(c with { Path = path[..^6] }, v)),
                _ => CommonTest<Transaction>(c, member),
            }),
        };
    }

    private delegate Expression<Func<T, bool>> ObjectTest<T>(JsonElement value, string op, string path);

    private Expression<Func<Case, bool>> Quantified<T>(Condition c, JsonElement value, ObjectTest<T> test) where T : CaseObject
    {
        var negated = c.Operator is "not_eq" or "not_in";
        Expression<Func<T, bool>> passes = c.Operator is "in" or "not_in"
            ? Or(List(c, value).Select((v, i) => test(v, "eq", $"{c.Path}.value[{i}]")).ToList(), c)
            : test(value, negated ? "eq" : c.Operator, $"{c.Path}.value");
        if (c.Quantifier == "all" && !negated) return Negate(Linked(Negate(passes)));
        var some = Linked(passes);
        return negated ? Negate(some) : some;
    }

    /// <summary>created_at and age_days, which every kind has.</summary>
    private ObjectTest<T> CommonTest<T>(Condition c, string member) where T : CaseObject => member switch
    {
        "created_at" => (v, op, path) => Ordered<T, DateTime>(o => o.CreatedAt, op, Time(c with { Path = path[..^6] }, v)),
        // Older than n days is created before now − n days: the comparison turns around.
        "age_days" => (v, op, path) => Ordered<T, DateTime>(o => o.CreatedAt, op switch { "gt" => "lt", "gte" => "lte", "lt" => "gt", _ => "gte" },
            at.AddDays(-(v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw Bad(path, $"{c.Attribute} takes a number of days.")))),
        _ => throw Bad($"{c.Path}.attribute", $"'{c.Attribute}' cannot be searched; use one of {string.Join(", ", Attributes)}."),
    };

    private static ObjectTest<T> StringTest<T>(Expression<Func<T, string?>> member) => (v, _, path) =>
        Ordered(member, "eq", v.ValueKind == JsonValueKind.String ? v.GetString() : throw Bad(path, "must be a string."));

    /// <summary><paramref name="member"/> compared with <paramref name="value"/> (a query parameter, not a literal).</summary>
    private static Expression<Func<T, bool>> Ordered<T, TValue>(Expression<Func<T, TValue>> member, string op, TValue value)
    {
        var v = Expression.Property(Expression.Constant(new Box<TValue>(value)), nameof(Box<TValue>.Value));
        var body = member.Body;
        Expression test = op switch
        {
            "eq" => Expression.Equal(body, v),
            "not_eq" => Expression.NotEqual(body, v),
            "gt" => Expression.GreaterThan(body, v),
            "gte" => Expression.GreaterThanOrEqual(body, v),
            "lt" => Expression.LessThan(body, v),
            _ => Expression.LessThanOrEqual(body, v),
        };
        return Expression.Lambda<Func<T, bool>>(test, member.Parameters);
    }

    private static Expression<Func<T, bool>> Or<T>(IReadOnlyList<Expression<Func<T, bool>>> tests, Condition c)
    {
        if (tests.Count == 0) throw Bad($"{c.Path}.value", "in / not_in need at least one value.");
        var p = tests[0].Parameters[0];
        return Expression.Lambda<Func<T, bool>>(tests.Skip(1).Aggregate(tests[0].Body, (acc, t) => Expression.OrElse(acc, Rebind(t, p))), p);
    }

    private static Expression<Func<T, bool>> Negate<T>(Expression<Func<T, bool>> e) => Expression.Lambda<Func<T, bool>>(Expression.Not(e.Body), e.Parameters);

    private static int WholeNumber(Condition c, JsonElement v, string path) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : throw Bad(path, $"{c.Attribute} takes a whole number.");

    /// <summary>A person by user id or email; null means nobody.</summary>
    private Expression<Func<Case, bool>> People(Condition c, Func<string?, Expression<Func<Case, bool>>> test)
    {
        var value = Value(c, Equality);
        string? Id(JsonElement v, string path) => v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind != JsonValueKind.String ? throw Bad(path, "must be a user id, an email address or null.")
            : v.GetString()!.Contains('@') ? users.FirstOrDefault(u => string.Equals(u.Email, v.GetString(), StringComparison.OrdinalIgnoreCase))?.Id
                ?? throw Bad(path, $"No user with email address '{v.GetString()}'.")
            : v.GetString();
        return c.Operator is "in" or "not_in"
            ? WithNegation(c, AnyOfValues(c, List(c, value).Select((v, i) => test(Id(v, $"{c.Path}.value[{i}]"))).ToList()))
            : WithNegation(c, test(Id(value, $"{c.Path}.value")));
    }

    private Expression<Func<Case, bool>> Times(Condition c, Expression<Func<Case, DateTime>> column)
    {
        var value = Value(c, Ordering);
        var at = Expression.Property(Expression.Constant(new Box<DateTime>(Time(c, value))), nameof(Box<DateTime>.Value));
        return Compare(c, column, at);
    }

    private Expression<Func<Case, bool>> NullableTimes(Condition c, Expression<Func<Case, DateTime?>> column)
    {
        var value = Value(c, Ordering);
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (c.Operator is not ("eq" or "not_eq")) throw Bad($"{c.Path}.value", "Only eq and not_eq compare with null.");
            var isNull = Expression.Equal(column.Body, Expression.Constant(null, typeof(DateTime?)));
            return Expression.Lambda<Func<Case, bool>>(c.Operator == "eq" ? isNull : Expression.Not(isNull), column.Parameters);
        }
        var at = Expression.Convert(Expression.Property(Expression.Constant(new Box<DateTime>(Time(c, value))), nameof(Box<DateTime>.Value)), typeof(DateTime?));
        return Compare(c, column, at);
    }

    private static Expression<Func<Case, bool>> Compare(Condition c, LambdaExpression column, Expression value)
    {
        var body = column.Body;
        Expression test = c.Operator switch
        {
            "eq" => Expression.Equal(body, value),
            "not_eq" => Expression.NotEqual(body, value),
            "gt" => Expression.GreaterThan(body, value),
            "gte" => Expression.GreaterThanOrEqual(body, value),
            "lt" => Expression.LessThan(body, value),
            _ => Expression.LessThanOrEqual(body, value),
        };
        return Expression.Lambda<Func<Case, bool>>(test, column.Parameters);
    }

    /// <summary>A template field: compared as text or as a number by the JSON type of the value; contains for multi-select.</summary>
    private Expression<Func<Case, bool>> Field(Condition c, string key)
    {
        var field = templates.SelectMany(t => t.Definition.Fields).FirstOrDefault(f => f.Key == key)
            ?? throw Bad($"{c.Path}.attribute", $"'{key}' is not a field of any case template.");
        var path = FieldSql.PathOf(field.Key);
        var value = Value(c, [.. Ordering, "in", "not_in", "contains"]);
        Expression<Func<Case, bool>> One(JsonElement v, string op, string at) => v.ValueKind switch
        {
            JsonValueKind.Null when op is "eq" => x => FieldSql.Text(x.FieldsJson, path) == null,
            JsonValueKind.Null when op is "not_eq" => x => FieldSql.Text(x.FieldsJson, path) != null,
            JsonValueKind.String when op is "contains" => Contains(path, v.GetString()!),
            JsonValueKind.String => TextCompare(path, op, v.GetString()!),
            JsonValueKind.Number when op is not "contains" => NumberCompare(path, op, v.GetDouble()),
            JsonValueKind.True or JsonValueKind.False when op is "eq" or "not_eq" => NumberCompare(path, op, v.ValueKind == JsonValueKind.True ? 1 : 0),
            _ => throw Bad(at, $"{op} on a field takes a string, a number{(op is "eq" or "not_eq" ? ", true, false or null" : "")}."),
        };
        return c.Operator is "in" or "not_in"
            ? WithNegation(c, AnyOfValues(c, List(c, value).Select((v, i) => One(v, "eq", $"{c.Path}.value[{i}]")).ToList()))
            : One(value, c.Operator, $"{c.Path}.value");
    }

    /// <summary>
    /// A value in external data: at <see cref="Condition.JsonPath"/> in the newest document named <paramref name="name"/> attached to
    /// the case; compared as text or as a number by the JSON type of the value. A case without such a document has no value.
    /// </summary>
    private Expression<Func<Case, bool>> External(Condition c, string name)
    {
        if (name.Length == 0) throw Bad($"{c.Path}.attribute", "Name the external document: external.<document name>.");
        var path = c.JsonPath ?? throw Bad($"{c.Path}.json_path", "A condition on external data needs json_path, e.g. $.risk.score.");
        if (!FieldSql.IsPortablePath(path))
            throw Bad($"{c.Path}.json_path", "json_path is $ followed by .name, .\"any name\" or [index] steps, e.g. $.hits[0].score.");
        var value = Value(c, [.. Ordering, "in", "not_in"]);
        Expression<Func<Case, string?>> text = x => x.ExternalData.Where(d => d.Name == name).OrderByDescending(d => d.Id)
            .Select(d => FieldSql.PathText(d.Json, path)).FirstOrDefault();
        Expression<Func<Case, double?>> number = x => x.ExternalData.Where(d => d.Name == name).OrderByDescending(d => d.Id)
            .Select(d => FieldSql.PathNumber(d.Json, path)).FirstOrDefault();
        Expression<Func<Case, bool>> One(JsonElement v, string op, string at) => v.ValueKind switch
        {
            JsonValueKind.Null when op is "eq" => Compare(c with { Operator = "eq" }, text, Expression.Constant(null, typeof(string))),
            JsonValueKind.Null when op is "not_eq" => Compare(c with { Operator = "not_eq" }, text, Expression.Constant(null, typeof(string))),
            JsonValueKind.String when op is "eq" or "not_eq" => Compare(c with { Operator = op }, text, Param(v.GetString())),
            JsonValueKind.String => Expression.Lambda<Func<Case, bool>>(OrderText(text.Body, op, Param(v.GetString())), text.Parameters),
            JsonValueKind.Number => Compare(c with { Operator = op }, number, Expression.Convert(Param(v.GetDouble()), typeof(double?))),
            JsonValueKind.True or JsonValueKind.False when op is "eq" or "not_eq" =>
                Compare(c with { Operator = op }, number, Expression.Convert(Param(v.ValueKind == JsonValueKind.True ? 1d : 0d), typeof(double?))),
            _ => throw Bad(at, $"{op} on external data takes a string, a number{(op is "eq" or "not_eq" ? ", true, false or null" : "")}."),
        };
        return c.Operator is "in" or "not_in"
            ? WithNegation(c, AnyOfValues(c, List(c, value).Select((v, i) => One(v, "eq", $"{c.Path}.value[{i}]")).ToList()))
            : One(value, c.Operator, $"{c.Path}.value");
    }

    private static MemberExpression Param<T>(T value) => Expression.Property(Expression.Constant(new Box<T>(value)), nameof(Box<T>.Value));

    /// <summary>string.Compare(a, b) op 0, which both providers translate to a text comparison.</summary>
    private static Expression OrderText(Expression a, string op, Expression b)
    {
        var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, a, b);
        var zero = Expression.Constant(0);
        return op switch
        {
            "gt" => Expression.GreaterThan(compare, zero),
            "gte" => Expression.GreaterThanOrEqual(compare, zero),
            "lt" => Expression.LessThan(compare, zero),
            _ => Expression.LessThanOrEqual(compare, zero),
        };
    }

    private static Expression<Func<Case, bool>> Contains(string path, string item)
    {
        var quoted = JsonSerializer.Serialize(item);
        return x => FieldSql.Text(x.FieldsJson, path)!.Contains(quoted);
    }

    private static Expression<Func<Case, bool>> TextCompare(string path, string op, string s) => op switch
    {
        "eq" => x => FieldSql.Text(x.FieldsJson, path) == s,
        "not_eq" => x => FieldSql.Text(x.FieldsJson, path) != s,
        "gt" => x => string.Compare(FieldSql.Text(x.FieldsJson, path), s) > 0,
        "gte" => x => string.Compare(FieldSql.Text(x.FieldsJson, path), s) >= 0,
        "lt" => x => string.Compare(FieldSql.Text(x.FieldsJson, path), s) < 0,
        _ => x => string.Compare(FieldSql.Text(x.FieldsJson, path), s) <= 0,
    };

    private static Expression<Func<Case, bool>> NumberCompare(string path, string op, double n) => op switch
    {
        "eq" => x => FieldSql.Number(x.FieldsJson, path) == n,
        "not_eq" => x => FieldSql.Number(x.FieldsJson, path) != n,
        "gt" => x => FieldSql.Number(x.FieldsJson, path) > n,
        "gte" => x => FieldSql.Number(x.FieldsJson, path) >= n,
        "lt" => x => FieldSql.Number(x.FieldsJson, path) < n,
        _ => x => FieldSql.Number(x.FieldsJson, path) <= n,
    };

    private static Expression<Func<Case, bool>> WithNegation(Condition c, Expression<Func<Case, bool>> e) =>
        c.Operator is "not_eq" or "not_in" ? Negate(e) : e;

    private static Expression<Func<Case, bool>> AnyOfValues(Condition c, IReadOnlyList<Expression<Func<Case, bool>>> tests)
    {
        if (tests.Count == 0) throw Bad($"{c.Path}.value", "in / not_in need at least one value.");
        var p = tests[0].Parameters[0];
        return Expression.Lambda<Func<Case, bool>>(tests.Skip(1).Aggregate(tests[0].Body, (acc, t) => Expression.OrElse(acc, Rebind(t, p))), p);
    }

    private static JsonElement Value(Condition c, string[] operators) =>
        operators.Contains(c.Operator) ? c.Value
        : throw Bad($"{c.Path}.operator", $"'{c.Operator}' does not apply to {c.Attribute}; use {string.Join(", ", operators)}.");

    private static string String(Condition c, JsonElement v) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Bad($"{c.Path}.value", $"{c.Attribute} {c.Operator} takes a string.");

    private static IEnumerable<JsonElement> List(Condition c, JsonElement v) =>
        v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToList() : throw Bad($"{c.Path}.value", $"{c.Operator} takes a list of values.");

    private static List<string> StringList(Condition c, JsonElement v) => List(c, v)
        .Select((e, i) => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Bad($"{c.Path}.value[{i}]", "must be a string.")).ToList();

    private static DateTime Time(Condition c, JsonElement v) =>
        v.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime : throw Bad($"{c.Path}.value", $"{c.Attribute} takes an ISO 8601 time such as 2026-11-24T09:00:00Z.");

    internal static Expression Rebind(LambdaExpression e, ParameterExpression p) => new Rebinder(e.Parameters[0], p).Visit(e.Body);

    private static MalformedInputException Bad(string path, string message) => new(path, message);

    private sealed class Rebinder(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>Holds a value so the query takes it as a parameter, not a literal.</summary>
    internal sealed record Box<T>(T Value);
}
