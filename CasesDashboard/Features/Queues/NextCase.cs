using CasesDashboard.Data;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Common;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.EntityFrameworkCore;

namespace CasesDashboard.Features.Queues;

/// <summary>What pressing Next case did: the case now assigned to the presser, or why there was none.</summary>
public sealed record NextCaseResult(string? CaseId, string? CaseName, string? QueueName, string? Message)
{
    public bool Claimed => CaseId is not null;
}

/// <summary>
/// Next case: assigns the analyst the first waiting case, in queue order, of a queue they work — the one named, or the first
/// of theirs (by routing order) that has one — among the templates they may see. Analysts claim from the queues they are
/// members of; leads and admins from any. A queue's cap on open cases applies to claims too. The claim itself is atomic
/// (<see cref="CaseService"/> → <see cref="CaseClaims"/>). Pages ask <see cref="CanClaimAsync"/> to show the button's state.
/// </summary>
public sealed class NextCase(QueueDirectory queues, CaseService cases, TemplateService templates, CasesStore store)
{
    /// <summary>The queues <paramref name="actor"/> works, in routing order: their own (leads and admins: every one), archived ones left out.</summary>
    public async Task<IReadOnlyList<QueueInfo>> QueuesOfAsync(Actor actor, CancellationToken ct = default) =>
        !actor.CanWork ? [] : (await queues.AllAsync(ct)).Where(q => !q.Archived && (actor.IsLead || q.IsMember(actor.Id))).ToList();

    /// <summary>May <paramref name="actor"/> press Next case (on <paramref name="queueId"/>, or on all their queues), and if not, why.</summary>
    public async Task<Ability> CanClaimAsync(Actor actor, string? queueId = null, CancellationToken ct = default)
    {
        if (!actor.CanWork) return Ability.No("Viewers cannot take cases.");
        if (queueId is null)
            return (await QueuesOfAsync(actor, ct)).Count > 0 ? Ability.Yes : Ability.No("You are not a member of any queue; ask a lead to add you to one.");
        var queue = await queues.GetAsync(queueId, ct);
        if (queue.Archived) return Ability.No($"{queue.Name} is archived.");
        if (!actor.IsLead && !queue.IsMember(actor.Id)) return Ability.No($"You are not a member of {queue.Name}; ask a lead to add you.");
        return queue.MaxOpenPerAnalyst is not null && AssignmentPolicies.AtCap(queue, await OpenCasesOfAsync(actor, ct))
            ? Ability.No($"You hold {queue.MaxOpenPerAnalyst} open cases, the most {queue.Name} gives one analyst; resolve one first.")
            : Ability.Yes;
    }

    /// <summary>Claims the next case for <paramref name="actor"/>; a refusal (not a member, at the cap) is a <see cref="ForbiddenException"/>, an empty queue a result that says so.</summary>
    public async Task<NextCaseResult> ClaimAsync(Actor actor, string? queueId = null, CancellationToken ct = default)
    {
        (await CanClaimAsync(actor, queueId, ct)).Require();
        var from = queueId is null ? await QueuesOfAsync(actor, ct) : [await queues.GetAsync(queueId, ct)];
        var visible = await TemplatesFor(actor, ct);
        var open = from.Any(q => q.MaxOpenPerAnalyst is not null) ? await OpenCasesOfAsync(actor, ct) : 0;
        var usable = from.Where(q => !AssignmentPolicies.AtCap(q, open)).ToList();
        if (usable.Count == 0)
            return new NextCaseResult(null, null, null, $"You hold {open} open cases, the most your queues give one analyst; resolve one first.");
        foreach (var queue in usable)
            if (await cases.ClaimAsync(queue, visible, actor, ct) is { } claimed)
                return new NextCaseResult(claimed.CaseId, claimed.CaseName, queue.Name, null);
        return new NextCaseResult(null, null, null, queueId is null
            ? $"Nothing is waiting in your queues ({Wording.List(from.Select(q => q.Name))})."
            : $"Nothing is waiting in {from[0].Name} that you may work.");
    }

    /// <summary>The templates the actor may see, as ids; null when that is all of them.</summary>
    private async Task<IReadOnlyList<int>?> TemplatesFor(Actor actor, CancellationToken ct)
    {
        var all = await templates.ListAsync(ct);
        return all.All(t => t.Definition.IsVisibleTo(actor)) ? null : all.Where(t => t.Definition.IsVisibleTo(actor)).Select(t => t.Id).ToList();
    }

    /// <summary>The actor's open cases (read only where a cap needs it: an analyst may hold thousands).</summary>
    private async Task<int> OpenCasesOfAsync(Actor actor, CancellationToken ct)
    {
        await using var db = await store.ReadAsync(ct);
        return await db.Cases.CountAsync(c => c.AssigneeId == actor.Id && c.StatusType != StatusType.End, ct);
    }
}
