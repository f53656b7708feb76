using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Emission;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// The stores the run sees. It counts the writes into each element of each scratch span: a store whose every element
/// is written by it alone, once, and never accumulated into, leaves each value it stored in place after the forward
/// sweep, which the reverse sweep can then read back instead of recomputing (<see cref="ReverseMode"/>). It also
/// finds stores whose values nothing reads, whose reverse would only multiply a zero cotangent by the derivative (a
/// NaN where that overflowed, as Math.Exp of a large argument does).
/// </summary>
internal sealed partial class LoopInterpreter
{
    // Per scratch element, how many times it is written (int.MaxValue once accumulated into or written at an index
    // that depends on the state); per store, the elements it wrote.
    private readonly Dictionary<int, int[]> _writes = new();
    private readonly Dictionary<ArrayStoreStmt, HashSet<int>> _written = new(ReferenceEqualityComparer.Instance);
    // Per scratch element, the stores whose values it holds (one after a plain store, more after +=), and the
    // stores some read has seen.
    private readonly Dictionary<int, List<ArrayStoreStmt>[]> _writers = new();
    private readonly HashSet<ArrayStoreStmt> _scratchStores = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ArrayStoreStmt> _read = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// The plain stores into spans declared in the method body itself (they live until the reverse sweep) whose
    /// elements no other write touches.
    /// </summary>
    private HashSet<ArrayStoreStmt> StoresToReadBack()
    {
        var declared = new HashSet<int>(_program.Body.Statements.OfType<ArrayDeclarationStmt>().Select(d => d.Array));
        return new HashSet<ArrayStoreStmt>(
            _written.Where(entry => !entry.Key.Accumulate && declared.Contains(entry.Key.Array) && entry.Value.All(e => _writes[entry.Key.Array][e] == 1))
                .Select(entry => entry.Key),
            ReferenceEqualityComparer.Instance);
    }

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
        if (!_written.TryGetValue(store, out var elements)) _written[store] = elements = new HashSet<int>();
        if (!IsStatic(store.Index))
        {
            // Any element may have been written: none can be read back.
            for (int i = 0; i < writes.Length; i++) writes[i] = int.MaxValue;
            return;
        }
        if (index < 0 || index >= writes.Length) return;
        elements.Add(index);
        writes[index] = store.Accumulate || writes[index] == int.MaxValue ? int.MaxValue : writes[index] + 1;
    }
}

/// <summary>What running a loop program at generation time found (<see cref="LoopInterpreter"/>).</summary>
/// <param name="Pattern">The rows of df/dy.</param>
/// <param name="ReadBack">Plain stores into scratch spans whose elements no other write touches: their values are read back.</param>
/// <param name="UnreadStores">Stores into scratch spans whose values nothing reads: their reverse is skipped.</param>
internal sealed record LoopFacts(EquatableArray<EquatableArray<int>> Pattern, HashSet<ArrayStoreStmt> ReadBack, HashSet<ArrayStoreStmt> UnreadStores);
