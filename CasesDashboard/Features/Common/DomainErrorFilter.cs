namespace CasesDashboard.Features.Common;

/// <summary>
/// Turns the errors services raise into RFC 9457 problem documents for HTTP endpoints: 404 for an unknown id, 403, 409
/// for a stale change, 400 with every problem by the path it names. Nothing else is caught.
/// </summary>
public sealed class DomainErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try { return await next(context); }
        catch (DomainException e) { return ToProblem(e); }
    }

    public static IResult ToProblem(DomainException e) => e switch
    {
        NotFoundException => Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"),
        ForbiddenException => Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        ConflictException => Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        InputException v => Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid input",
            extensions: new Dictionary<string, object?> { ["errors"] = v.Problems.Select(p => new { path = p.Path, message = p.Message }) }),
        _ => Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest),
    };
}
