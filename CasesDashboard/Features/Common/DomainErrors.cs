namespace CasesDashboard.Features.Common;

/// <summary>A problem with one input, named by its path (e.g. <c>fields.decision_reason</c>).</summary>
public sealed record Problem(string Path, string Message)
{
    public override string ToString() => string.IsNullOrEmpty(Path) ? Message : $"{Path}: {Message}";
}

/// <summary>Base of the errors a service raises for a caller to show; the message is user-facing.</summary>
public abstract class DomainException(string message) : Exception(message);

public sealed class NotFoundException(string what, string id) : DomainException($"{what} '{id}' was not found.");

public sealed class ForbiddenException(string message) : DomainException(message);

/// <summary>The row changed since the caller read it; nothing was written.</summary>
public sealed class ConflictException(string message) : DomainException(message);

/// <summary>Input refused with every problem listed by the path it refers to.</summary>
public abstract class InputException(IReadOnlyList<Problem> problems) : DomainException(string.Join("; ", problems))
{
    public IReadOnlyList<Problem> Problems { get; } = problems;
}

/// <summary>The input breaks a rule (a value that does not fit its field, a status the template lacks, an unknown object).</summary>
public sealed class ValidationException(IReadOnlyList<Problem> problems) : InputException(problems)
{
    public ValidationException(string path, string message) : this([new Problem(path, message)]) { }
}

/// <summary>
/// The request itself cannot be read: an unknown parameter or attribute, a value of the wrong JSON type, a page size out of
/// range, a cursor that names no case. HTTP callers answer 400 for this and 422 for a <see cref="ValidationException"/>.
/// </summary>
public sealed class MalformedInputException(IReadOnlyList<Problem> problems) : InputException(problems)
{
    public MalformedInputException(string path, string message) : this([new Problem(path, message)]) { }
}
