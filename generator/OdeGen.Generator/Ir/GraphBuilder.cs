using System;
using System.Collections.Generic;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Ir;

/// <summary>
/// Builds SSA nodes with constant folding and common-subexpression elimination by construction:
/// a computation already available in the current region or an enclosing one is returned, not repeated.
/// New nodes are appended as <see cref="LetStmt"/>s to the block being built.
/// Only IEEE-exact rewrites are made (x*1, x+0, -(-x), folding of + - * / on constants), so the
/// primal values the generated code computes are those of the user's method.
/// </summary>
internal sealed class GraphBuilder
{
    private readonly List<Node> _nodes = new();
    private readonly List<int> _scopeParents = new();
    private readonly List<Dictionary<(Op, int, int, int, long, int), int>> _scopeTables = new();
    private readonly Stack<(int Scope, List<Stmt> Statements)> _open = new();
    // Each registration made by Define, with what the scope's table held before (-1: nothing), for Rollback.
    private readonly List<(int Scope, (Op, int, int, int, long, int) Key, int Previous)> _definitions = new();

    public GraphBuilder()
    {
        NewScope(-1);
        _open.Push((0, new List<Stmt>()));
    }

    /// <summary>
    /// Continues building on a frozen graph (the differentiation stage extends the parsed one). Only leaves
    /// are available for sharing at first: a computed node becomes shareable when its definition is placed
    /// again (<see cref="Define"/>), so that a derivative never reuses a value defined further down.
    /// </summary>
    public GraphBuilder(EquatableArray<Node> nodes, EquatableArray<int> scopeParents)
    {
        foreach (int parent in scopeParents) NewScope(parent);
        for (int id = 0; id < nodes.Count; id++)
        {
            var node = nodes[id];
            _nodes.Add(node);
            if (node.Op.IsLeaf() && !IsUnique(node.Op)) _scopeTables[node.Scope][node.Key] = id;
        }
        _open.Push((0, new List<Stmt>()));
    }

    /// <summary>
    /// Appends the definition of an existing node here, and makes it available for sharing from now on, in the
    /// current region (where a region is written a second time, that is not the node's own).
    /// </summary>
    public void Define(LetStmt let)
    {
        CurrentStatements.Add(let);
        var node = _nodes[let.Node];
        if (IsUnique(node.Op)) return;
        var table = _scopeTables[CurrentScope];
        _definitions.Add((CurrentScope, node.Key, table.TryGetValue(node.Key, out int previous) ? previous : -1));
        table[node.Key] = let.Node;
    }

    /// <summary>Makes the nodes defined in <paramref name="block"/> and its regions available for sharing.</summary>
    public void Register(Block block) =>
        IrUses.Walk(block, statement =>
        {
            if (statement is LetStmt let && !IsUnique(_nodes[let.Node].Op)) _scopeTables[_nodes[let.Node].Scope][_nodes[let.Node].Key] = let.Node;
        });

    public int Count => _nodes.Count;

    public Node this[int id] => _nodes[id];

    public int CurrentScope => _open.Peek().Scope;

    public List<Stmt> CurrentStatements => _open.Peek().Statements;

    public EquatableArray<Node> FreezeNodes() => _nodes.ToEquatableArray();

    public EquatableArray<int> FreezeScopes() => _scopeParents.ToEquatableArray();

    /// <summary>Creates a region nested in the current one.</summary>
    public int NewScope() => NewScope(CurrentScope);

    private int NewScope(int parent)
    {
        _scopeParents.Add(parent);
        _scopeTables.Add(new Dictionary<(Op, int, int, int, long, int), int>());
        return _scopeParents.Count - 1;
    }

    /// <summary>Appends new definitions to <paramref name="statements"/>, in region <paramref name="scope"/>.</summary>
    public void Enter(int scope, List<Stmt> statements) => _open.Push((scope, statements));

    public void Exit() => _open.Pop();

    public void Append(Stmt statement) => CurrentStatements.Add(statement);

    /// <summary>Marks the graph's current state, to undo a trial linearization with <see cref="Rollback"/>.</summary>
    public (int Nodes, int Definitions) Checkpoint() => (_nodes.Count, _definitions.Count);

    /// <summary>
    /// Forgets every node created since <paramref name="checkpoint"/>, and every definition placed since then, so that
    /// sharing finds only what was available at the checkpoint. (A node placed by a trial and still found afterwards
    /// would be used by a second trial before its definition there.)
    /// </summary>
    public void Rollback((int Nodes, int Definitions) checkpoint)
    {
        for (int i = _definitions.Count - 1; i >= checkpoint.Definitions; i--)
        {
            var (scope, key, previous) = _definitions[i];
            if (previous >= 0) _scopeTables[scope][key] = previous;
            else _scopeTables[scope].Remove(key);
        }
        _definitions.RemoveRange(checkpoint.Definitions, _definitions.Count - checkpoint.Definitions);
        for (int id = _nodes.Count - 1; id >= checkpoint.Nodes; id--)
        {
            var node = _nodes[id];
            if (!IsUnique(node.Op) && _scopeTables[node.Scope].TryGetValue(node.Key, out int known) && known == id)
                _scopeTables[node.Scope].Remove(node.Key);
            _nodes.RemoveAt(id);
        }
    }

    public void SetNameIfUnnamed(int id, string name)
    {
        var node = _nodes[id];
        if (node.Name is null && !node.Op.IsLeaf()) _nodes[id] = node with { Name = name };
    }

    /// <summary>Nodes that are defined by a statement or read mutable memory: never shared.</summary>
    private static bool IsUnique(Op op) => op is Op.Phi or Op.Accumulator or Op.LoopIndex or Op.Running or Op.AdjointLoad;

    public int Const(double value) => Intern(new Node(Op.Const, -1, -1, -1, value, -1, 0, null), define: false);

    public int IntConst(int value) => Intern(new Node(Op.IntConst, -1, -1, -1, value, -1, 0, null), define: false);

    /// <summary>A node defined by a statement of the current region (a loop index or a loop's running value).</summary>
    public int Defined(Op op, string? name)
    {
        _nodes.Add(new Node(op, -1, -1, -1, 0, -1, CurrentScope, name));
        return _nodes.Count - 1;
    }

    public int Load(int array, int index) => Emit(Op.Load, index, index: array);

    /// <summary>Reads an element of a mutable adjoint array now: a fresh definition at this point.</summary>
    public int AdjointLoad(int array, int index, string? name)
    {
        _nodes.Add(new Node(Op.AdjointLoad, index, -1, -1, 0, array, CurrentScope, name));
        int id = _nodes.Count - 1;
        CurrentStatements.Add(new LetStmt(id));
        return id;
    }

    public int Leaf(Op op, int index = -1) => Intern(new Node(op, -1, -1, -1, 0, index, 0, null), define: false);

    /// <summary>A fresh merge variable, defined by the If whose phi list names it.</summary>
    public int Phi(string? name)
    {
        _nodes.Add(new Node(Op.Phi, -1, -1, -1, 0, -1, CurrentScope, name));
        return _nodes.Count - 1;
    }

    /// <summary>The final value of an accumulator variable, read where it is complete.</summary>
    public int AccumulatorValue(int accumulator, string name)
    {
        _nodes.Add(new Node(Op.Accumulator, -1, -1, -1, 0, accumulator, CurrentScope, name));
        return _nodes.Count - 1;
    }

    public int Neg(int a) => Emit(Op.Neg, a);

    public int Add(int a, int b) => Emit(Op.Add, a, b);

    public int Sub(int a, int b) => Emit(Op.Sub, a, b);

    public int Mul(int a, int b) => Emit(Op.Mul, a, b);

    public int Div(int a, int b) => Emit(Op.Div, a, b);

    public int Select(int cond, int a, int b) => Emit(Op.Select, cond, a, b);

    public int Emit(Op op, int a, int b = -1, int c = -1, string? name = null, int index = -1)
    {
        int simplified = Simplify(op, a, b, c);
        if (simplified >= 0) return simplified;
        return Intern(new Node(op, a, b, c, 0, index, CurrentScope, name), define: true);
    }

    private int Intern(Node node, bool define)
    {
        var key = node.Key;
        for (int s = node.Scope; s >= 0; s = _scopeParents[s])
        {
            if (_scopeTables[s].TryGetValue(key, out int existing))
            {
                if (node.Name is not null) SetNameIfUnnamed(existing, node.Name);
                return existing;
            }
        }
        _nodes.Add(node);
        int id = _nodes.Count - 1;
        _scopeTables[node.Scope][key] = id;
        if (define) CurrentStatements.Add(new LetStmt(id));
        return id;
    }

    /// <summary>Folds constants and applies IEEE-exact identities; -1 when nothing applies.</summary>
    private int Simplify(Op op, int a, int b, int c)
    {
        var x = a >= 0 ? _nodes[a] : null;
        var y = b >= 0 ? _nodes[b] : null;
        switch (op)
        {
            case Op.Neg:
                if (x!.IsConst) return Const(-x.Value);
                if (x.Op == Op.Neg) return x.A;
                break;
            case Op.Add:
                // Only folds that are exact for every x, signed zeros included: x + (-0) = x, but x + (+0) is +0 for x = -0.
                if (x!.IsConst && y!.IsConst) return Const(x.Value + y.Value);
                if (IsNegativeZero(x)) return b;
                if (IsNegativeZero(y!)) return a;
                if (y!.Op == Op.Neg) return Sub(a, y.A);
                if (x.Op == Op.Neg) return Sub(b, x.A);
                if (a == b) return Mul(Const(2), a); // x + x = 2x exactly
                break;
            case Op.Sub:
                if (x!.IsConst && y!.IsConst) return Const(x.Value - y.Value);
                if (IsPositiveZero(y!)) return a;   // x - (+0) = x exactly; 0 - x is not -x for x = +0
                if (y!.Op == Op.Neg) return Add(a, y.A);
                break;
            case Op.Mul:
                if (x!.IsConst && y!.IsConst) return Const(x.Value * y.Value);
                if (x.IsConstValue(1)) return b;
                if (y!.IsConstValue(1)) return a;
                if (x.IsConstValue(-1)) return Neg(b);
                if (y.IsConstValue(-1)) return Neg(a);
                // (-a) b = -(a b) exactly (rounding is symmetric), and lets a sum become a difference.
                if (x.Op == Op.Neg) return Neg(Mul(x.A, b));
                if (y.Op == Op.Neg) return Neg(Mul(a, y.A));
                break;
            case Op.Div:
                if (x!.IsConst && y!.IsConst) return Const(x.Value / y.Value);
                if (y!.IsConstValue(1)) return a;
                if (y.IsConstValue(-1)) return Neg(a);
                if (x.Op == Op.Neg) return Neg(Div(x.A, b));
                break;
            case Op.Sqrt:
                if (x!.IsConst) return Const(System.Math.Sqrt(x.Value));
                break;
            case Op.Pow:
                // Only in derivative code does Pow(x, 1) or Pow(x, 0) arise; pow(x, 1) = x and pow(x, 0) = 1 exactly.
                if (y!.IsConstValue(1)) return a;
                if (y.IsConstValue(0)) return Const(1);
                break;
            case Op.Select:
                if (x!.Op == Op.Const) return x.Value != 0 ? b : c;
                if (b == c) return b;
                break;
            case Op.Not:
                if (x!.IsConst) return Const(x.Value != 0 ? 0 : 1);
                if (x.Op == Op.Not) return x.A;
                break;
            case Op.And:
                if (x!.IsConst) return x.Value != 0 ? b : Const(0);
                if (y!.IsConst) return y.Value != 0 ? a : Const(0);
                break;
            case Op.Or:
                if (x!.IsConst) return x.Value != 0 ? Const(1) : b;
                if (y!.IsConst) return y.Value != 0 ? Const(1) : a;
                break;
            case Op.Less: if (Known(x) && Known(y)) return Bool(x!.Value < y!.Value); break;
            case Op.LessOrEqual: if (Known(x) && Known(y)) return Bool(x!.Value <= y!.Value); break;
            case Op.Greater: if (Known(x) && Known(y)) return Bool(x!.Value > y!.Value); break;
            case Op.GreaterOrEqual: if (Known(x) && Known(y)) return Bool(x!.Value >= y!.Value); break;
            case Op.Equal: if (Known(x) && Known(y)) return Bool(x!.Value == y!.Value); break;
            case Op.NotEqual: if (Known(x) && Known(y)) return Bool(x!.Value != y!.Value); break;
            case Op.IntAdd:
                if (x!.Op == Op.IntConst && y!.Op == Op.IntConst) return IntConst(unchecked((int)x.Value + (int)y.Value));
                if (x.Op == Op.IntConst && x.Value == 0) return b;
                if (y!.Op == Op.IntConst && y.Value == 0) return a;
                break;
            case Op.IntSub:
                if (x!.Op == Op.IntConst && y!.Op == Op.IntConst) return IntConst(unchecked((int)x.Value - (int)y.Value));
                if (y!.Op == Op.IntConst && y.Value == 0) return a;
                break;
            case Op.IntMul:
                if (x!.Op == Op.IntConst && y!.Op == Op.IntConst) return IntConst(unchecked((int)x.Value * (int)y.Value));
                if (x.Op == Op.IntConst && x.Value == 1) return b;
                if (y!.Op == Op.IntConst && y.Value == 1) return a;
                if (x.Op == Op.IntConst && x.Value == 0 || y.Op == Op.IntConst && y.Value == 0) return IntConst(0);
                break;
            case Op.IntDiv:
                if (x!.Op == Op.IntConst && y!.Op == Op.IntConst && y.Value != 0) return IntConst((int)x.Value / (int)y.Value);
                if (y!.Op == Op.IntConst && y.Value == 1) return a;
                break;
            case Op.IntRem:
                if (x!.Op == Op.IntConst && y!.Op == Op.IntConst && y.Value != 0) return IntConst((int)x.Value % (int)y.Value);
                break;
            case Op.ToDouble:
                if (x!.Op == Op.IntConst) return Const(x.Value);
                break;
        }
        return -1;
    }

    private int Bool(bool value) => Const(value ? 1 : 0);

    private static bool IsPositiveZero(Node node) => node.IsConst && BitConverter.DoubleToInt64Bits(node.Value) == 0;

    private static bool IsNegativeZero(Node node) => node.IsConst && BitConverter.DoubleToInt64Bits(node.Value) == long.MinValue;

    private static bool Known(Node? node) => node is { Op: Op.Const or Op.IntConst };
}
