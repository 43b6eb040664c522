using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CasesDashboard.Features.Api;

/// <summary>
/// A JSON document answer, in the key inflection the request asked for; an ETag for a single case's version. <paramref name="replay"/>
/// is what an <c>Idempotency-Key</c> retry gets instead, when the first answer holds something that must not be stored (a secret).
/// </summary>
public sealed class ApiResult(int status, JsonNode document, string? etag = null, string? location = null, JsonNode? replay = null) : IResult
{
    public const string ContentType = "application/json; charset=utf-8";
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Status => status;

    public async Task ExecuteAsync(HttpContext context)
    {
        var inflection = context.Features.Get<ApiRequestFeature>()?.Inflection ?? Inflection.Kebab;
        var body = inflection == Inflection.Kebab ? document : KeyInflection.Inflect(document, inflection)!;
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        if (etag is not null) context.Response.Headers.ETag = $"\"{etag}\"";
        if (location is not null) context.Response.Headers.Location = location;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Options);
        if (replay is not null)
            context.Features.Set(new IdempotentReplayBody(JsonSerializer.SerializeToUtf8Bytes(
                inflection == Inflection.Kebab ? replay : KeyInflection.Inflect(replay, inflection)!, Options)));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}
