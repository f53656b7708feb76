using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// Linearizes a program in forward mode. A tangent is a sparse map from a direction key to a node; a
/// missing key is a symbolic zero, so structural zeros never become code. With one direction whose seeds
/// are vy[j], vp[k] and vt this is the JVP; with one direction per input whose seeds are the constant 1
/// it gives the columns of a Jacobian, and the keys left on each output are its sparsity pattern.
/// Tangents are computed right after their primal, in the same region: the sweep is fused.
/// </summary>
internal sealed partial class ForwardMode
{
    private readonly GraphBuilder _g;
    private readonly Func<Node, SortedDictionary<int, int>?> _seed;
    private readonly Func<string, int, string> _tangentName;
    private readonly IReadOnlyDictionary<int, int> _tangentArrays;
    private Dictionary<int, SortedDictionary<int, int>> _tangents = new();
    private readonly HashSet<int> _visitedScopes = new();

    private ForwardMode(GraphBuilder g, Func<Node, SortedDictionary<int, int>?> seed, Func<string, int, string> tangentName, IReadOnlyDictionary<int, int> tangentArrays)
    {
        _g = g;
        _seed = seed;
        _tangentName = tangentName;
        _tangentArrays = tangentArrays;
    }

    /// <summary>Scratch arrays that were stored a non-zero tangent but have no tangent array yet.</summary>
    public HashSet<int> MissingTangentArrays { get; } = new();

    /// <summary>
    /// Returns the primal statements interleaved with tangent definitions, and the tangent of each output.
    /// <paramref name="seed"/> gives the tangent of a leaf (null: zero); <paramref name="tangentName"/> names
    /// the tangent of a named value in a direction.
    /// </summary>
    /// <remarks>
    /// <paramref name="tangentArrays"/> maps an array to the array holding its tangent: y to vy, p to vp,
    /// dy to the output (jv, dfdt), a scratch span to its tangent span. A scratch span stored a non-zero
    /// tangent without one is reported in <c>MissingTangentArrays</c>: the caller adds it and runs again.
    /// </remarks>
    public static (List<Stmt> Body, List<SortedDictionary<int, int>> Outputs, HashSet<int> MissingTangentArrays) Linearize(
        GraphBuilder g, IrProgram program, Func<Node, SortedDictionary<int, int>?> seed, Func<string, int, string> tangentName,
        IReadOnlyDictionary<int, int>? tangentArrays = null)
    {
        var mode = new ForwardMode(g, seed, tangentName, tangentArrays ?? new Dictionary<int, int>());
        var body = new List<Stmt>();
        g.Enter(0, body);
        mode.Block(program.Body);
        g.Exit();
        var outputs = program.Outputs.Select(mode.TangentOf).ToList();
        return (body, outputs, mode.MissingTangentArrays);
    }

    private void Block(Block block)
    {
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case LetStmt let:
                    _g.Define(let);
                    Node(let.Node);
                    break;
                case IfStmt branch:
                    If(branch);
                    break;
                case ForStmt loop:
                    For(loop);
                    break;
                case ArrayDeclarationStmt declaration:
                    _g.Append(declaration);
                    if (_tangentArrays.TryGetValue(declaration.Array, out int tangentArray)) _g.Append(new ArrayDeclarationStmt(tangentArray));
                    break;
                case ArrayStoreStmt store:
                    Store(store);
                    break;
                case StoreStmt or ArrayCopyStmt or RestoreStmt or AccumulatorDeclaration or AccumulateStmt or ReturnStmt when _derivative is not null:
                    DerivativeStatement(statement);
                    break;
                default:
                    throw new InvalidOperationException("Forward mode met " + statement.GetType().Name);
            }
        }
    }

    private void If(IfStmt branch)
    {
        var thenBlock = Region(branch.Then);
        var elseBlock = Region(branch.Else);
        var phis = new List<PhiAssignment>(branch.Phis);
        foreach (var phi in branch.Phis)
        {
            var a = TangentOf(phi.Then);
            var b = TangentOf(phi.Else);
            var merged = new SortedDictionary<int, int>();
            foreach (int key in a.Keys.Union(b.Keys))
            {
                int t = _g.Phi(_tangentName(_g[phi.Phi].Name ?? "phi", key));
                phis.Add(new PhiAssignment(t, a.TryGetValue(key, out int x) ? x : _g.Const(0), b.TryGetValue(key, out int y) ? y : _g.Const(0)));
                merged[key] = t;
            }
            if (merged.Count > 0) _tangents[phi.Phi] = merged;
        }
        _g.Append(new IfStmt(branch.Cond, thenBlock, elseBlock, phis.ToEquatableArray()));
    }

    private void Store(ArrayStoreStmt store)
    {
        _g.Append(store);
        int tangent = TangentOf(store.Value).TryGetValue(0, out int t) ? t : -1;
        if (_tangentArrays.TryGetValue(store.Array, out int tangentArray))
        {
            // The tangent of an overwritten element is overwritten too, so a zero is written, not skipped.
            if (tangent >= 0 || !store.Accumulate) _g.Append(new ArrayStoreStmt(tangentArray, store.Index, tangent >= 0 ? tangent : _g.Const(0), store.Accumulate));
        }
        else if (tangent >= 0)
        {
            MissingTangentArrays.Add(store.Array);
        }
    }

    /// <summary>
    /// A loop's tangent loop: the same loop, with a tangent carried beside each carried value that has one.
    /// Which carried values have a tangent is found by iterating: a value whose next tangent is non-zero
    /// while its running tangent was taken as zero gets one, and the body is linearized again.
    /// </summary>
    private void For(ForStmt loop)
    {
        var active = new HashSet<int>(loop.Carried.Where(c => TangentOf(c.Initial).Count > 0).Select(c => c.Running));
        while (true)
        {
            var saved = new Dictionary<int, SortedDictionary<int, int>>(_tangents);
            var savedScopes = new HashSet<int>(_visitedScopes);
            var checkpoint = _g.Checkpoint();
            var runningTangents = new Dictionary<int, int>();
            foreach (var carried in loop.Carried.Where(c => active.Contains(c.Running)))
            {
                _g.Enter(loop.Body.Scope, new List<Stmt>());
                int tangent = _g.Defined(Op.Running, _tangentName(_g[carried.Running].Name ?? "value", 0));
                _g.Exit();
                runningTangents[carried.Running] = tangent;
                _tangents[carried.Running] = new SortedDictionary<int, int> { [0] = tangent };
            }
            var body = Region(loop.Body);
            var grown = loop.Carried.Where(c => !active.Contains(c.Running) && TangentOf(c.Next).Count > 0).Select(c => c.Running).ToList();
            if (grown.Count > 0)
            {
                _g.Rollback(checkpoint);
                _tangents = saved;
                _visitedScopes.Clear();
                _visitedScopes.UnionWith(savedScopes);
                active.UnionWith(grown);
                continue;
            }
            var carriedValues = new List<CarriedValue>(loop.Carried);
            foreach (var carried in loop.Carried.Where(c => active.Contains(c.Running)))
            {
                int initial = TangentOf(carried.Initial).TryGetValue(0, out int a) ? a : _g.Const(0);
                int next = TangentOf(carried.Next).TryGetValue(0, out int b) ? b : _g.Const(0);
                int exit = _g.Phi(_tangentName(_g[carried.Exit].Name ?? "value", 0));
                carriedValues.Add(new CarriedValue(runningTangents[carried.Running], initial, next, exit));
                _tangents[carried.Exit] = new SortedDictionary<int, int> { [0] = exit };
            }
            _g.Append(loop with { Body = body, Carried = carriedValues.ToEquatableArray() });
            return;
        }
    }

    private Block Region(Block block)
    {
        var statements = new List<Stmt>();
        // A derivative program writes a region again where its reverse runs, in the same scope; the tangents
        // computed there are new values, not to be shared with the first writing's, which that block cannot see.
        int scope = _derivative is not null && !_visitedScopes.Add(block.Scope) ? _g.NewScope() : block.Scope;
        _g.Enter(scope, statements);
        Block(block);
        _g.Exit();
        return new Block(scope, statements.ToEquatableArray());
    }

    private void Node(int id)
    {
        var node = _g[id];
        var result = new SortedDictionary<int, int>();
        if (node.Op == Op.Load)
        {
            // The tangent of an element is the element of the tangent array.
            if (_tangentArrays.TryGetValue(node.Index, out int tangentArray)) result[0] = _g.Load(tangentArray, node.A);
        }
        else if (node.Op == Op.AdjointLoad)
        {
            // Read at the same point of the reverse sweep as the cotangent element itself.
            if (_tangentArrays.TryGetValue(node.Index, out int tangentArray))
                result[0] = _g.AdjointLoad(tangentArray, node.A, node.Name is null ? null : _tangentName(node.Name, 0));
        }
        else if (Rules.Routing(_g, id) is { } routing)
        {
            var a = TangentOf(node.Arg(routing.Then));
            var b = TangentOf(node.Arg(routing.Else));
            foreach (int key in a.Keys.Union(b.Keys))
            {
                int x = a.TryGetValue(key, out int ta) ? ta : _g.Const(0);
                int y = b.TryGetValue(key, out int tb) ? tb : _g.Const(0);
                Put(result, key, _g.Select(routing.Condition, x, y));
            }
        }
        else
        {
            foreach (var partial in Rules.Partials(_g, id))
            {
                foreach (var entry in TangentOf(node.Arg(partial.Slot)))
                {
                    int term = Rules.Apply(_g, entry.Value, partial);
                    if (term < 0) continue;
                    Put(result, entry.Key, result.TryGetValue(entry.Key, out int sum) ? _g.Add(sum, term) : term);
                }
            }
        }
        if (result.Count == 0) return;
        if (node.Name is not null)
        {
            foreach (var entry in result) _g.SetNameIfUnnamed(entry.Value, _tangentName(node.Name, entry.Key));
        }
        _tangents[id] = result;
    }

    private void Put(SortedDictionary<int, int> map, int key, int value)
    {
        if (_g[value].IsConstValue(0)) map.Remove(key);
        else map[key] = value;
    }

    private SortedDictionary<int, int> TangentOf(int id)
    {
        if (_tangents.TryGetValue(id, out var tangent)) return tangent;
        var node = _g[id];
        if (node.Op == Op.Accumulator && _derivative is not null)
        {
            tangent = AccumulatorTangent(node);
            _tangents[id] = tangent;
            return tangent;
        }
        if (node.Op.IsLeaf() && node.Op != Op.Phi)
        {
            tangent = _seed(node) ?? new SortedDictionary<int, int>();
            _tangents[id] = tangent;
            return tangent;
        }
        return new SortedDictionary<int, int>();
    }
}
