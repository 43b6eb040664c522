using System.Globalization;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Views;
using CsvHelper;

namespace CasesDashboard.Features.Cases.Export;

/// <summary>
/// Writes the cases a filter matches as CSV, with the view's columns, straight to a stream: keyset batches of rows read, written
/// and flushed one after another, so memory holds one batch whatever the size. Text that a spreadsheet would run as a formula
/// (starting with = + - @, tab or CR) gets a leading ' (CSV injection). Rows come in creation order (row id), whatever the grid's sort.
/// </summary>
public sealed class CaseExport(CaseQuery query, ExportProgress progress)
{
    public const int BatchSize = 500;

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public async Task WriteAsync(Stream output, CaseFilter requested, IReadOnlyList<GridColumn> columns, Actor actor, string? token,
        CancellationToken ct = default)
    {
        var filter = await query.CheckAsync(requested, actor, [], ct);
        var extent = await query.ExtentAsync(filter, actor, ct);
        var fieldKeys = columns.Select(c => c.FieldKey).OfType<string>().ToList();
        var track = ExportProgress.IsToken(token);
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        csv.WriteRecord(["Case", "Case id", .. columns.Select(c => c.Label)]);
        var written = 0;
        for (long after = 0; ;)
        {
            if (track) progress.Report(token!, actor.Id, new ExportStatus(written, extent.Count, false));
            var (rows, last) = await query.RowsAfterAsync(filter, actor, after, extent.LastId, BatchSize, fieldKeys, ct);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                csv.WriteField(row.Name);
                csv.WriteField(row.Id);
                foreach (var column in columns) csv.WriteField(Cell(row, column));
                await csv.EndRecordAsync(ct);
            }
            await csv.FlushAsync(ct);
            (after, written) = (last, written + rows.Count);
        }
        await csv.FlushAsync(ct);
        if (track) progress.Report(token!, actor.Id, new ExportStatus(written, extent.Count, true));
    }

    private static string Cell(CaseRow row, GridColumn column) => column.FieldKey is { } key ? row.FieldText(key) : column.Key switch
    {
        "template" => row.TemplateName,
        "status" => row.StatusLabel,
        "priority" => row.Priority.ToString(),
        "assignee" => row.AssigneeName ?? "",
        "queue" => row.QueueName ?? "",
        "sla" => Time(row.SlaExpiresAt),
        "created" => Time(row.CreatedAt),
        "updated" => Time(row.UpdatedAt),
        "tags" => string.Join(", ", row.Tags),
        _ => "",
    };

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
