namespace CasesDashboard.Components.Shortcuts;

/// <summary>One key (as the browser names it: <c>j</c>, <c>Enter</c>, <c>Escape</c>, <c>1</c>) and what it does on the current page.</summary>
public sealed record Shortcut(string Key, string Description, Func<Task> Run)
{
    public string KeyLabel => Key switch { "Escape" => "Esc", " " => "Space", _ => Key };
}

/// <summary>What the app shell does for shortcuts: moves focus, brings an element into view.</summary>
public interface IShortcutHost
{
    Task<bool> FocusAsync(string selector);
    Task RevealAsync(string selector);
}

/// <summary>
/// The shortcuts of the current page, one registry per circuit. Components register theirs while they are shown (the grid: j/k,
/// Enter; the case page: a, c, 1–9; the queues: n) and dispose the registration when they go; a key registered later (an inner
/// component) wins over the same key registered earlier. <see cref="ShortcutHost"/> listens to the keyboard and shows the help.
/// </summary>
public sealed class ShortcutRegistry
{
    private readonly List<Registration> registrations = [];

    /// <summary>The help overlay's key.</summary>
    public const string HelpKey = "?";

    public event Action? Changed;

    public IShortcutHost? Host { get; set; }

    public IDisposable Register(params Shortcut[] shortcuts)
    {
        var registration = new Registration(this, shortcuts);
        lock (registrations) registrations.Add(registration);
        Changed?.Invoke();
        return registration;
    }

    /// <summary>Every key the page answers, latest registration first for a key registered twice.</summary>
    public IReadOnlyList<Shortcut> Active
    {
        get
        {
            lock (registrations) return registrations.AsEnumerable().Reverse().SelectMany(r => r.Shortcuts).DistinctBy(s => s.Key).ToList();
        }
    }

    public Shortcut? Find(string key) => Active.FirstOrDefault(s => s.Key == key);

    /// <summary>Focuses the element when it is on the page (a no-op before the page is interactive).</summary>
    public Task<bool> FocusAsync(string selector) => Host?.FocusAsync(selector) ?? Task.FromResult(false);

    public Task RevealAsync(string selector) => Host?.RevealAsync(selector) ?? Task.CompletedTask;

    private sealed class Registration(ShortcutRegistry registry, IReadOnlyList<Shortcut> shortcuts) : IDisposable
    {
        public IReadOnlyList<Shortcut> Shortcuts { get; } = shortcuts;

        public void Dispose()
        {
            lock (registry.registrations) registry.registrations.Remove(this);
            registry.Changed?.Invoke();
        }
    }
}
