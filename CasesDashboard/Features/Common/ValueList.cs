using System.Collections;
using System.Runtime.CompilerServices;

namespace CasesDashboard.Features.Common;

/// <summary>A read-only list that equals another with the same items in the same order, so records holding one keep value equality.</summary>
[CollectionBuilder(typeof(ValueList), nameof(ValueList.Create))]
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    public static readonly ValueList<T> Empty = new([]);
    private readonly T[] items;

    public ValueList(IEnumerable<T> items) => this.items = items.ToArray();

    public int Count => items.Length;
    public T this[int index] => items[index];
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => items.GetEnumerator();

    public bool Equals(ValueList<T>? other) => other is not null && items.SequenceEqual(other.items);
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);
    public override int GetHashCode() => items.Aggregate(items.Length, (h, x) => HashCode.Combine(h, x));
}

public static class ValueList
{
    public static ValueList<T> Create<T>(ReadOnlySpan<T> items) => items.Length == 0 ? ValueList<T>.Empty : new(items.ToArray());
}
