using System.Buffers;
using CasesDashboard.Features.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CasesDashboard.Features.Api;

/// <summary>
/// Around every /api request: reads the body once within <see cref="ApiOptions.MaxBodyBytes"/> (413 past it, before reading on
/// when Content-Length says so), checks <c>Key-Inflection</c>, keeps the HTML status pages away, turns an empty error answer
/// (an unknown method) into an error document and an unexpected exception into a 500 document — never an HTML page.
/// </summary>
public sealed class ApiPipeline(RequestDelegate next, IOptions<ApiOptions> options, ILogger<ApiPipeline> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;
        try
        {
            var inflection = KeyInflection.Parse(context.Request.Headers[KeyInflection.Header]);
            var body = await ReadBodyAsync(context);
            if (body is null)
            {
                await ApiErrors.WriteAsync(context, 413, $"The request body is larger than {options.Value.MaxBodyBytes:N0} bytes.");
                return;
            }
            context.Features.Set(new ApiRequestFeature { Body = body, Inflection = inflection });
            await next(context);
            if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentLength: null, ContentType: null })
                await ApiErrors.WriteAsync(context, context.Response.StatusCode, context.Response.StatusCode == 405
                    ? $"{context.Request.Method} is not allowed on {context.Request.Path}." : $"No API endpoint answers {context.Request.Method} {context.Request.Path}.");
        }
        catch (MalformedInputException e)
        {
            await ApiErrors.Result(ApiErrors.From(e, context.Request)).ExecuteAsync(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await ApiErrors.WriteAsync(context, e.StatusCode, e.Message);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            logger.LogError(e, "API request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await ApiErrors.WriteAsync(context, 500, "The server failed to handle the request; nothing was changed unless a later read shows it. The error is logged.");
        }
    }

    /// <summary>The whole body, or null when it is larger than the limit.</summary>
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var max = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > max) return null;
        if (context.Request.ContentLength == 0 || HttpMethods.IsGet(context.Request.Method)) return [];
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            var read = await context.Request.Body.ReadAsync(buffer.GetMemory(8192), context.RequestAborted);
            if (read == 0) return buffer.WrittenSpan.ToArray();
            buffer.Advance(read);
            if (buffer.WrittenCount > max) return null;
        }
    }
}

/// <summary>Service errors raised inside an API endpoint become error documents (so an idempotent replay can keep them).</summary>
public sealed class ApiErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (DomainException e) { return ApiErrors.Result(ApiErrors.From(e, context.HttpContext.Request)); }
    }
}
