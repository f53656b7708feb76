using System.Collections.Generic;

namespace OdeGen.Generator.Emission;

/// <summary>Reference equality for statements and blocks: equal records in different places are different occurrences.</summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object>
{
    public static ReferenceEqualityComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
