using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Emission;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>The run as an index check: every watched access's index, at every iteration, against its span (ODE0010).</summary>
internal sealed partial class LoopInterpreter
{
    // Index checks (CheckIndices): the accesses to watch, and the first value out of range at each.
    private IReadOnlyDictionary<int, IndexWatch>? _loadWatches;
    private IReadOnlyDictionary<ArrayStoreStmt, IndexWatch>? _storeWatches;
    private readonly Dictionary<IndexWatch, (int Index, int Length, bool OfView)> _outOfRange = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Runs the program's index arithmetic and returns, for each watched load (by node) or store whose index
    /// leaves its span at some iteration, the first such index, the length it had to be below, and whether that is
    /// the length of the view it was written into (or of the array). Indices that depend on the state are not
    /// checked. Empty past the work limit.
    /// </summary>
    public static IReadOnlyDictionary<IndexWatch, (int Index, int Length, bool OfView)> CheckIndices(IrProgram program, int stateSize,
        IReadOnlyDictionary<int, IndexWatch> loads, IReadOnlyDictionary<ArrayStoreStmt, IndexWatch> stores)
    {
        var interpreter = new LoopInterpreter(program) { _loadWatches = loads, _storeWatches = stores };
        return interpreter.TryRun(stateSize) ? interpreter._outOfRange : new Dictionary<IndexWatch, (int, int, bool)>();
    }

    private void Watch(IndexWatch watch)
    {
        if (_outOfRange.ContainsKey(watch) || !IsStatic(watch.Element) || !IsStatic(watch.Index)) return;
        int element = Int(watch.Element), length = _program.Arrays[watch.Array].Length;
        if (element < 0 || element >= length)
        {
            _outOfRange[watch] = (element, length, false);
            return;
        }
        int index = Int(watch.Index);
        if (watch.ViewLength >= 0 && (index < 0 || index >= watch.ViewLength)) _outOfRange[watch] = (index, watch.ViewLength, true);
    }
}

/// <summary>
/// An element access to check at generation time: <see cref="Element"/> (an int node) indexes array
/// <see cref="Array"/>; <see cref="Index"/> is the index as written, into a view of <see cref="ViewLength"/>
/// elements (-1: the whole array).
/// </summary>
internal sealed class IndexWatch
{
    public IndexWatch(int array, int element, int index, int viewLength)
    {
        Array = array;
        Element = element;
        Index = index;
        ViewLength = viewLength;
    }

    public int Array { get; }

    public int Element { get; }

    public int Index { get; }

    public int ViewLength { get; }
}
