using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Emission;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The stores the run sees. It counts the writes into each scratch span: a span whose every element is written at
/// most once, never accumulated into, holds after the forward sweep each value stored into it, which the reverse
/// sweep can then read back instead of recomputing (<see cref="ReverseMode"/>). It also finds stores whose values
/// nothing reads, whose reverse would only multiply a zero cotangent by the derivative (a NaN where that overflowed,
/// as Math.Exp of a large argument does).
/// </summary>
internal sealed partial class LoopInterpreter
{
    private readonly Dictionary<int, int[]> _writes = new();
    private readonly HashSet<int> _rewritten = new();
    // Per scratch element, the stores whose values it holds (one after a plain store, more after +=), and the
    // stores some read has seen.
    private readonly Dictionary<int, List<ArrayStoreStmt>[]> _writers = new();
    private readonly HashSet<ArrayStoreStmt> _scratchStores = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ArrayStoreStmt> _read = new(ReferenceEqualityComparer.Instance);

    /// <summary>The spans declared in the method body itself (they live until the reverse sweep) never written twice.</summary>
    private EquatableArray<int> WriteOnceSpans() =>
        _program.Body.Statements.OfType<ArrayDeclarationStmt>().Select(d => d.Array)
            .Where(a => !_rewritten.Contains(a)).OrderBy(a => a).ToEquatableArray();

    private HashSet<ArrayStoreStmt> UnreadStores() =>
        new(_scratchStores.Where(store => !_read.Contains(store)), ReferenceEqualityComparer.Instance);

    private void RecordWriter(ArrayStoreStmt store, int index)
    {
        if (!_writers.TryGetValue(store.Array, out var writers)) return;
        _scratchStores.Add(store);
        if (!IsStatic(store.Index))
        {
            // Any element may be written: every one may now hold this store's value.
            foreach (var element in writers) element.Add(store);
            return;
        }
        if (index < 0 || index >= writers.Length) return;
        if (!store.Accumulate && _speculation == 0) writers[index].Clear();
        writers[index].Add(store);
    }

    /// <summary>A read of <paramref name="array"/> at <paramref name="index"/> (null: any element) sees the stores it holds.</summary>
    private void RecordRead(int array, int? index)
    {
        if (!_writers.TryGetValue(array, out var writers)) return;
        if (index is null) foreach (var element in writers) _read.UnionWith(element);
        else if (index >= 0 && index < writers.Length) _read.UnionWith(writers[index.Value]);
    }

    private void CountWrite(ArrayStoreStmt store, int index)
    {
        if (!_writes.TryGetValue(store.Array, out var writes)) return;
        bool once = !store.Accumulate && IsStatic(store.Index) && index >= 0 && index < writes.Length && ++writes[index] == 1;
        if (!once) _rewritten.Add(store.Array);
    }
}

/// <summary>What running a loop program at generation time found (<see cref="LoopInterpreter"/>).</summary>
/// <param name="Pattern">The rows of df/dy.</param>
/// <param name="WriteOnce">Scratch spans whose elements are each written at most once, by plain stores.</param>
/// <param name="UnreadStores">Stores into scratch spans whose values nothing reads: their reverse is skipped.</param>
internal sealed record LoopFacts(EquatableArray<EquatableArray<int>> Pattern, EquatableArray<int> WriteOnce, HashSet<ArrayStoreStmt> UnreadStores);
