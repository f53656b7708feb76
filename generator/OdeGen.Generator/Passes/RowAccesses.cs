using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Passes;

/// <summary>
/// The dependence test of <see cref="UnrollAndJam"/>: whether running rows together can change what a row reads. It
/// holds when every array the row loop writes is, for each element, touched by one row only (each access an affine
/// index a·i + b·j + c whose elements over the inner loop do not meet another row's), or touched only inside the inner
/// loop, at one index that names each inner iteration's own element (the transposed product's y[j] += W[i, j] x[i]):
/// then the jam keeps the order of every element's reads and writes.
/// </summary>
internal static class RowAccesses
{
    private sealed record Access(int Index, bool InInner);

    /// <summary>An index as a·i + b·j + c in the row index i and the inner index j.</summary>
    private readonly record struct Affine(long Row, long Inner, long Constant);

    public static bool AreIndependent(ForStmt rows, ForStmt inner, List<Node> nodes, HashSet<int> written, HashSet<int> varying)
    {
        var accesses = new Dictionary<int, List<Access>>();
        void Note(int array, int index, bool inInner)
        {
            if (!written.Contains(array)) return;
            if (!accesses.TryGetValue(array, out var list)) accesses[array] = list = new List<Access>();
            list.Add(new Access(index, inInner));
        }
        void Visit(Block block, bool inInner)
        {
            foreach (var statement in block.Statements)
            {
                switch (statement)
                {
                    case ArrayStoreStmt store: Note(store.Array, store.Index, inInner); break;
                    case RestoreStmt restore: Note(restore.Array, restore.Index, inInner); break;
                    case LetStmt let when nodes[let.Node].Op is Op.Load or Op.AdjointLoad: Note(nodes[let.Node].Index, nodes[let.Node].A, inInner); break;
                    case ForStmt loop: Visit(loop.Body, inInner: true); break;
                }
            }
        }
        Visit(rows.Body, inInner: false);
        return accesses.Values.All(list => OneElementPerInnerIteration(list, inner, nodes, varying) || OwnedByRows(list, rows, inner, nodes));
    }

    /// <summary>All accesses inside the inner loop at one index that moves with j and not with the row.</summary>
    private static bool OneElementPerInnerIteration(List<Access> accesses, ForStmt inner, List<Node> nodes, HashSet<int> varying)
    {
        int index = accesses[0].Index;
        if (accesses.Any(a => !a.InInner || a.Index != index) || varying.Contains(index)) return false;
        return AffineOf(index, -1, inner.LoopIndex, nodes) is { Row: 0, Inner: not 0 };
    }

    /// <summary>Whether the elements each row touches (an interval per access) meet no other row's.</summary>
    private static bool OwnedByRows(List<Access> accesses, ForStmt rows, ForStmt inner, List<Node> nodes)
    {
        long from = (long)nodes[rows.From].Value, to = (long)nodes[rows.To].Value;
        long innerFirst = (long)nodes[inner.From].Value, innerLast = (long)nodes[inner.To].Value - 1;
        var intervals = new List<(long Low, long High, long Row)>();
        foreach (var access in accesses)
        {
            if (AffineOf(access.Index, rows.LoopIndex, inner.LoopIndex, nodes) is not { } affine) return false;
            long spanLow = 0, spanHigh = 0;
            if (affine.Inner != 0 && innerLast >= innerFirst)
            {
                spanLow = System.Math.Min(affine.Inner * innerFirst, affine.Inner * innerLast);
                spanHigh = System.Math.Max(affine.Inner * innerFirst, affine.Inner * innerLast);
            }
            for (long i = from; i < to; i++)
            {
                long start = affine.Row * i + affine.Constant;
                intervals.Add((start + spanLow, start + spanHigh, i));
            }
        }
        // A sweep in the order of the intervals' starts, keeping the furthest end reached and the furthest by another row.
        long firstEnd = long.MinValue, firstRow = long.MinValue, otherEnd = long.MinValue;
        foreach (var (low, high, row) in intervals.OrderBy(x => x.Low))
        {
            long reach = row == firstRow ? otherEnd : firstEnd;
            if (low <= reach) return false;
            if (row == firstRow) firstEnd = System.Math.Max(firstEnd, high);
            else if (high > firstEnd) { otherEnd = firstEnd; firstEnd = high; firstRow = row; }
            else otherEnd = System.Math.Max(otherEnd, high);
        }
        return true;
    }

    private static Affine? AffineOf(int id, int rowIndex, int innerIndex, List<Node> nodes)
    {
        var node = nodes[id];
        switch (node.Op)
        {
            case Op.IntConst:
                return new Affine(0, 0, (long)node.Value);
            case Op.LoopIndex when id == rowIndex:
                return new Affine(1, 0, 0);
            case Op.LoopIndex when id == innerIndex:
                return new Affine(0, 1, 0);
            case Op.IntAdd or Op.IntSub or Op.IntMul:
                if (AffineOf(node.A, rowIndex, innerIndex, nodes) is not { } a || AffineOf(node.B, rowIndex, innerIndex, nodes) is not { } b) return null;
                if (node.Op == Op.IntAdd) return new Affine(a.Row + b.Row, a.Inner + b.Inner, a.Constant + b.Constant);
                if (node.Op == Op.IntSub) return new Affine(a.Row - b.Row, a.Inner - b.Inner, a.Constant - b.Constant);
                if (a is { Row: 0, Inner: 0 }) return new Affine(a.Constant * b.Row, a.Constant * b.Inner, a.Constant * b.Constant);
                if (b is { Row: 0, Inner: 0 }) return new Affine(b.Constant * a.Row, b.Constant * a.Inner, b.Constant * a.Constant);
                return null;
            default:
                return null;
        }
    }
}
