using System.Security.Claims;
using Bunit;
using CasesDashboard.Features.Cases;
using CasesDashboard.Features.Queues;
using CasesDashboard.Features.Queues.Components;
using CasesDashboard.Features.Security;
using CasesDashboard.Features.Templates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace CasesDashboard.Tests.TestInfrastructure;

/// <summary>
/// A bUnit context with MudBlazor and the product's real services over a <see cref="TestStore"/>.
/// Test classes own one and dispose it asynchronously (MudBlazor's key interceptor is async-disposable only).
/// </summary>
public sealed class ComponentHarness : IAsyncDisposable
{
    public BunitContext Ctx { get; } = new();
    public TestStore Store { get; }
    /// <summary>Where MudBlazor renders open selects' and menus' items.</summary>
    public IRenderedComponent<MudPopoverProvider>? Popovers { get; private set; }
    /// <summary>Where MudBlazor renders dialogs (confirmations).</summary>
    public IRenderedComponent<MudDialogProvider>? Dialogs { get; private set; }

    // Waits end as soon as they pass; the generous ceiling only matters on a loaded CI machine.
    static ComponentHarness() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    private ComponentHarness(TestStore store)
    {
        Store = store;
        Ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        Ctx.Services.AddMudServices();
        Ctx.Services.AddSingleton(store.Cases);
        Ctx.Services.AddSingleton(store.Query);
        Ctx.Services.AddSingleton(store.Templates);
        Ctx.Services.AddSingleton(store.Users);
        Ctx.Services.AddSingleton(store.Events);
        Ctx.Services.AddSingleton<TimeProvider>(store.Clock);
        // The app bar's inbox (MainLayout) on every page.
        Ctx.Services.AddSingleton(store.Services.GetRequiredService<Features.Notifications.NotificationService>());
        Ctx.Services.AddSingleton(store.Services.GetRequiredService<Features.Notifications.NotificationSignal>());
        Ctx.Services.AddSingleton(store.Services.GetRequiredService<IOptions<CaseLimits>>());
        foreach (var queues in new[] { typeof(Presence), typeof(QueueDirectory), typeof(QueueQuery), typeof(QueueBoard), typeof(QueueForecast), typeof(NextCase), typeof(AvailabilityService), typeof(QueueService) })
            Ctx.Services.AddSingleton(queues, store.Services.GetRequiredService(queues));
        Ctx.Services.AddScoped<NextCaseAction>();
        Ctx.Services.AddSingleton(store.Services.GetRequiredService<Features.Automations.ManualActions>());
        Ctx.Services.AddSingleton(store.Services.GetRequiredService<Features.Cases.Bulk.BulkActions>());
        Ctx.Services.AddSingleton(store.Services.GetRequiredService<Features.Views.SavedViewService>());
        Ctx.Services.AddSingleton(store.Services.GetRequiredService<Features.Cases.Export.ExportProgress>());
        Ctx.Services.AddScoped<Components.Shortcuts.ShortcutRegistry>();
        Ctx.Services.AddScoped<Components.Shortcuts.GridTrail>();
    }

    /// <remarks>
    /// The queue list is read once first, as the running app has it after its first write (routing reads it): the grid's bulk
    /// offer and filter bar then render in the first pass, which the tests that assert without waiting rely on.
    /// </remarks>
    public static async Task<ComponentHarness> CreateAsync(Dictionary<string, string?>? settings = null)
    {
        var store = await TestStore.CreateAsync(settings);
        await store.Services.GetRequiredService<QueueDirectory>().AllAsync();
        return new(store);
    }

    /// <summary>A harness over an existing store (which it disposes with itself).</summary>
    public static ComponentHarness Over(TestStore store) => new(store);

    /// <summary>Makes the store's real <typeparamref name="T"/> available to the components under test.</summary>
    public ComponentHarness Use<T>() where T : class
    {
        Ctx.Services.AddSingleton(Store.Services.GetRequiredService<T>());
        return this;
    }

    /// <summary>Signs the test renderer in as <paramref name="actor"/> (id, display name and roles, as the cookie carries them).</summary>
    public void SignIn(Actor actor)
    {
        var auth = Ctx.AddAuthorization();
        auth.SetAuthorized(actor.Name);
        auth.SetRoles([.. actor.Roles]);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, actor.Id), new Claim(Actor.DisplayNameClaim, actor.Name));
    }

    /// <summary>Renders the popover host that MudBlazor selects and menus need, then the component.</summary>
    public IRenderedComponent<T> Render<T>(Action<ComponentParameterCollectionBuilder<T>>? parameters = null) where T : Microsoft.AspNetCore.Components.IComponent
    {
        // The components are live, as in a browser circuit (a case page registers its reader with Presence only then).
        if (Popovers is null) Ctx.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Popovers ??= Ctx.Render<MudPopoverProvider>();
        Dialogs ??= Ctx.Render<MudDialogProvider>();
        return parameters is null ? Ctx.Render<T>() : Ctx.Render<T>(parameters);
    }

    /// <summary>Opens the <paramref name="nth"/> MudSelect inside <paramref name="container"/> and clicks the option with this text.</summary>
    public void Choose(AngleSharp.Dom.IElement container, string option, int nth = 0)
    {
        var popovers = Popovers ?? throw new InvalidOperationException("Render a component first.");
        container.QuerySelectorAll(".mud-select .mud-input-control")[nth].MouseDown();
        popovers.WaitForAssertion(() => Assert.True(popovers.FindAll(".mud-popover-open .mud-list-item").Any(i => i.TextContent.Trim() == option),
            $"'{option}' not among: {string.Join(" | ", popovers.FindAll(".mud-popover-open .mud-list-item").Select(i => i.TextContent.Trim()))}"));
        popovers.FindAll(".mud-popover-open .mud-list-item").First(i => i.TextContent.Trim() == option).Click();
    }

    /// <summary>Waits for a confirmation dialog whose text contains <paramref name="text"/> and presses its button <paramref name="button"/>.</summary>
    public void Confirm(string text, string button)
    {
        var dialogs = Dialogs ?? throw new InvalidOperationException("Render a component first.");
        dialogs.WaitForAssertion(() => Assert.Contains(text, dialogs.Find(".mud-dialog").TextContent));
        dialogs.FindAll(".mud-dialog button").First(b => b.TextContent.Trim() == button).Click();
    }

    public async ValueTask DisposeAsync()
    {
        await Ctx.DisposeAsync();
        await Store.DisposeAsync();
    }
}
