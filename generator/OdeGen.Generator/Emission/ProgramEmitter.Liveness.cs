using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Emission;

/// <summary>Liveness: which statements of each block are needed, and how often each node is used there.</summary>
internal sealed partial class ProgramEmitter
{
    private sealed class Liveness
    {
        public HashSet<Stmt> LiveStatements { get; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<int, int> Uses { get; } = new();
        public HashSet<int> NestedUses { get; } = new();
        public HashSet<int> LivePhis { get; } = new();
    }

    /// <summary>
    /// Backward pass over a block: marks live statements, counts uses of each node within the block, and
    /// returns the nodes the block reads from enclosing blocks. <paramref name="needed"/> holds what the
    /// code after the block needs.
    /// </summary>
    private HashSet<int> Analyze(Block block, HashSet<int> needed)
    {
        var live = new Liveness();
        _liveness[block] = live;
        void Use(int id, bool nested = false)
        {
            if (id < 0 || IsLeafLike(id)) return;
            needed.Add(id);
            live.Uses[id] = live.Uses.TryGetValue(id, out int n) ? n + 1 : 1;
            if (nested) live.NestedUses.Add(id);
        }

        var statements = block.Statements;
        for (int i = statements.Count - 1; i >= 0; i--)
        {
            switch (statements[i])
            {
                case LetStmt let:
                    if (!needed.Remove(let.Node)) break;
                    live.LiveStatements.Add(let);
                    var node = N(let.Node);
                    if (node.Op is Op.Load or Op.AdjointLoad) _usedArrays.Add(node.Index);
                    for (int slot = 0; slot < node.Op.Arity(); slot++) Use(node.Arg(slot));
                    break;
                case RestoreStmt restore:
                    if (!needed.Remove(restore.Node)) break;
                    live.LiveStatements.Add(restore);
                    _usedArrays.Add(restore.Array);
                    Use(restore.Index);
                    break;
                case ReductionStmt reduction:
                    if (!needed.Remove(reduction.Call.Value)) break;
                    live.LiveStatements.Add(reduction);
                    _usedArrays.Add(reduction.Call.First);
                    Use(reduction.Call.FirstOffset);
                    if (reduction.Call.Second >= 0)
                    {
                        _usedArrays.Add(reduction.Call.Second);
                        Use(reduction.Call.SecondOffset);
                    }
                    break;
                case ArrayDeclarationStmt declaration:
                    // Every use of a span comes after its declaration, so all of them have been seen.
                    if (_usedArrays.Contains(declaration.Array)) live.LiveStatements.Add(declaration);
                    break;
                case ViewStmt view:
                    // Like a declaration: live when a later statement uses the view.
                    if (!_usedArrays.Contains(view.View)) break;
                    live.LiveStatements.Add(view);
                    _usedArrays.Add(_program.Arrays[view.View].ViewOf);
                    Use(view.Offset);
                    break;
                case ArrayCopyStmt copy:
                    live.LiveStatements.Add(copy);
                    _usedArrays.Add(copy.From);
                    _usedArrays.Add(copy.To);
                    break;
                case IfStmt branch:
                    var livePhis = branch.Phis.Where(p => needed.Remove(p.Phi)).ToList();
                    foreach (var phi in livePhis) live.LivePhis.Add(phi.Phi);
                    var fromThen = Analyze(branch.Then, new HashSet<int>(livePhis.Select(p => p.Then)), livePhis.Select(p => p.Then));
                    var fromElse = Analyze(branch.Else, new HashSet<int>(livePhis.Select(p => p.Else)), livePhis.Select(p => p.Else));
                    bool anything = livePhis.Count > 0 || _liveness[branch.Then].LiveStatements.Count > 0 || _liveness[branch.Else].LiveStatements.Count > 0;
                    if (!anything) break;
                    live.LiveStatements.Add(branch);
                    Use(branch.Cond);
                    foreach (int id in fromThen.Concat(fromElse).Distinct()) Use(id, nested: true);
                    break;
                case ForStmt loop:
                    var liveCarried = loop.Carried.Where(c => needed.Remove(c.Exit)).ToList();
                    foreach (var carried in liveCarried) live.LivePhis.Add(carried.Exit);
                    var fromBody = Analyze(BodyOf(loop), new HashSet<int>(liveCarried.Select(c => c.Next).Where(n => !IsLeafLike(n))), liveCarried.Select(c => c.Next));
                    if (liveCarried.Count == 0 && _liveness[BodyOf(loop)].LiveStatements.Count == 0 && loop.Call is null) break;
                    live.LiveStatements.Add(loop);
                    if (loop.Call is { } call)
                    {
                        Use(call.SourceOffset);
                        Use(call.DestinationOffset);
                        _usedArrays.Add(call.Source);
                        _usedArrays.Add(call.Destination);
                    }
                    Use(loop.From);
                    Use(loop.To);
                    foreach (var carried in liveCarried) Use(carried.Initial);
                    foreach (int id in fromBody) Use(id, nested: true);
                    break;
                case ArrayStoreStmt store:
                    live.LiveStatements.Add(store);
                    _usedArrays.Add(store.Array);
                    Use(store.Index);
                    Use(store.Value);
                    break;
                default:
                    // Stores, returns, accumulations and declarations are effects: always live.
                    live.LiveStatements.Add(statements[i]);
                    Use(Operand(statements[i]));
                    break;
            }
        }
        return needed;
    }

    private static int Operand(Stmt statement) => statement switch
    {
        StoreStmt store => store.Node,
        ReturnStmt ret => ret.Node,
        AccumulateStmt add => add.Node,
        AccumulatorDeclaration declaration => declaration.Initial,
        _ => -1,
    };

    private HashSet<int> Analyze(Block block, HashSet<int> needed, IEnumerable<int> phiValues)
    {
        var result = Analyze(block, needed);
        // Values assigned to phis at the end of the branch are uses within the branch.
        var live = _liveness[block];
        foreach (int id in phiValues)
        {
            if (id < 0 || IsLeafLike(id)) continue;
            live.Uses[id] = live.Uses.TryGetValue(id, out int n) ? n + 1 : 1;
        }
        return result;
    }

    private bool IsLeafLike(int id) => N(id).Op.IsLeaf() && N(id).Op != Op.Phi;
}
