using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Emission;

/// <summary>The names the emitted method gives its spans and scalars.</summary>
internal sealed record SpanNames(string Time, string State, string Parameters, string TangentState, string TangentParameters, string TangentTime, string Cotangent)
{
    public static SpanNames Standard { get; } = new("t", "y", "p", "vy", "vp", "vt", "w");
}

/// <summary>
/// Writes the statements of one derivative program as a method body. Dead values are dropped block by
/// block; a temporary used once in its own block is written inline into its use, so that what remains
/// reads like hand-written code; the rest become locals named by the <see cref="NameTable"/>.
/// </summary>
internal sealed class ProgramEmitter
{
    private readonly DerivativeProgram _program;
    private readonly int _userNodeCount;
    private readonly int _userArrayCount;
    private readonly Dictionary<int, string> _arrayNames = new();
    private readonly NameTable _names;
    private readonly SpanNames _spans;
    private readonly CodeWriter _w;
    private readonly bool _skipsLocalsInit;
    private readonly Dictionary<int, string> _nodeNames = new();
    private readonly Dictionary<int, string> _accumulatorNames = new();
    // Per block being written: the nodes written inline.
    private readonly Stack<HashSet<int>> _inlined = new();
    private readonly Dictionary<Block, Liveness> _liveness = new(ReferenceEqualityComparer.Instance);
    // A node may be written in several blocks (a branch and its recomputation): inlining is decided per block.
    private readonly Dictionary<Block, HashSet<int>> _inlinedIn = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, string> _storeNames = new();
    private readonly Dictionary<ForStmt, Block> _callBodies = new(ReferenceEqualityComparer.Instance);
    // Arrays some live statement reads or writes: only these are declared.
    private readonly HashSet<int> _usedArrays = new();
    // Input elements read into locals before the loops that use them, by node.
    private readonly Dictionary<int, string> _hoisted = new();

    public ProgramEmitter(DerivativeProgram program, int userNodeCount, int userArrayCount, NameTable names, SpanNames spans, CodeWriter writer, bool skipsLocalsInit)
    {
        _skipsLocalsInit = skipsLocalsInit;
        _program = program;
        _userNodeCount = userNodeCount;
        _userArrayCount = userArrayCount;
        _names = names;
        _spans = spans;
        _w = writer;
    }

    private Node N(int id) => _program.Nodes[id];

    public void Emit()
    {
        Analyze(_program.Body, new HashSet<int>());
        WriteBlock(_program.Body);
    }

    // ---------------------------------------------------------------- liveness

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
                case ArrayDeclarationStmt declaration:
                    // Every use of a span comes after its declaration, so all of them have been seen.
                    if (_usedArrays.Contains(declaration.Array)) live.LiveStatements.Add(declaration);
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

    /// <summary>
    /// What a loop's iterations run in the generated code. For a TensorPrimitives call, the call itself stores
    /// the values, so its loop keeps only the rest (tangents), with each value read back from the destination.
    /// </summary>
    private Block BodyOf(ForStmt loop)
    {
        if (loop.Call is not { } call) return loop.Body;
        if (_callBodies.TryGetValue(loop, out var body)) return body;
        var store = loop.Body.Statements.OfType<ArrayStoreStmt>().Single(s => s.Array == call.Destination && s.Value == call.Value && !s.Accumulate);
        var statements = loop.Body.Statements
            .Where(s => !ReferenceEquals(s, store))
            .Select(s => s is LetStmt let && let.Node == call.Value ? new RestoreStmt(call.Value, call.Destination, store.Index) : s);
        body = new Block(loop.Body.Scope, statements.ToEquatableArray());
        _callBodies[loop] = body;
        return body;
    }

    private bool IsLeafLike(int id) => N(id).Op.IsLeaf() && N(id).Op != Op.Phi;

    // ---------------------------------------------------------------- writing

    private void WriteBlock(Block block, ISet<int>? phiValues = null)
    {
        var live = _liveness[block];
        var inlined = new HashSet<int>();
        var feedsCarried = new HashSet<int>(block.Statements.OfType<ForStmt>().SelectMany(f => f.Carried).Select(c => c.Initial));
        foreach (var statement in block.Statements.OfType<LetStmt>())
        {
            if (!live.LiveStatements.Contains(statement)) continue;
            int id = statement.Node;
            // A user's local whose only use is the merge after the branch, or a loop's carried value, is written straight into it.
            bool userLocal = id < _userNodeCount && N(id).Name is not null && phiValues?.Contains(id) != true && !feedsCarried.Contains(id);
            bool single = live.Uses.TryGetValue(id, out int uses) && uses == 1 && !live.NestedUses.Contains(id);
            // A read of an adjoint array happens where it stands: the array changes afterwards.
            if (single && !userLocal && N(id).Op != Op.AdjointLoad) inlined.Add(id);
        }
        if (ReferenceEquals(block, _program.Body)) ComputeBeforeStoring(block, inlined);
        var (pairedAt, pairedLater) = SinCosPairs(block, live, inlined);
        _inlinedIn[block] = inlined;
        _inlined.Push(inlined);

        var statements = block.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            var statement = statements[i];
            if (!live.LiveStatements.Contains(statement)) continue;
            switch (statement)
            {
                case LetStmt let when pairedLater.Contains(let.Node):
                    break;
                case LetStmt let when pairedAt.TryGetValue(let.Node, out var pair):
                    // Math.SinCos gives the same bits as Math.Sin and Math.Cos, in one call.
                    _w.Line("(double " + Define(pair.Sin) + ", double " + Define(pair.Cos) + ") = global::System.Math.SinCos(" + Print(N(pair.Sin).A, 0) + ");");
                    break;
                case LetStmt let when !inlined.Contains(let.Node):
                    _w.Line(TypeOf(let.Node) + " " + Define(let.Node) + " = " + Expression(let.Node, bind: false) + ";");
                    break;
                case RestoreStmt restore:
                    _w.Line("double " + Define(restore.Node) + " = " + ArrayName(restore.Array) + "[" + Print(restore.Index, 0) + "];");
                    break;
                case StoreStmt { Target: OutputSpan.Dy }:
                    _w.Open("if (!dy.IsEmpty)");
                    for (; i < statements.Count && statements[i] is StoreStmt { Target: OutputSpan.Dy } store; i++)
                        _w.Line("dy[" + Literals.Int(store.Index) + "] = " + Expression(store.Node) + ";");
                    i--;
                    _w.Close();
                    break;
                case StoreStmt store:
                    _w.Line(Target(store.Target) + "[" + Literals.Int(store.Index) + "] = " + Expression(store.Node) + ";" + StoreComment(store));
                    break;
                case ReturnStmt ret:
                    _w.Line("return " + Expression(ret.Node) + ";");
                    break;
                case ClearStmt clear:
                    _w.Line(Target(clear.Target) + ".Clear();");
                    break;
                case AccumulatorDeclaration declaration:
                    string name = _names.Allocate(Hint(declaration.Name)!, false);
                    _accumulatorNames[declaration.Accumulator] = name;
                    _w.Line("double " + name + " = " + (declaration.Initial < 0 ? "0.0" : Expression(declaration.Initial)) + ";");
                    break;
                case AccumulateStmt add:
                    if (N(add.Node).Op == Op.Neg && !IsNamed(add.Node))
                        _w.Line(_accumulatorNames[add.Accumulator] + " -= " + Print(N(add.Node).A, 0) + ";");
                    else
                        _w.Line(_accumulatorNames[add.Accumulator] + " += " + Expression(add.Node) + ";");
                    break;
                case IfStmt branch:
                    WriteIf(branch, live);
                    break;
                case ForStmt loop:
                    if (ReferenceEquals(block, _program.Body)) HoistInputs(loop);
                    WriteFor(loop, live);
                    break;
                case ArrayStoreStmt store when _program.Arrays[store.Array].Kind == ArrayKind.Derivative:
                    // The JVP and VJP write f only when given a dy: one guard for a run of stores into it.
                    _w.Open("if (!dy.IsEmpty)");
                    for (; i < statements.Count && statements[i] is ArrayStoreStmt next && _program.Arrays[next.Array].Kind == ArrayKind.Derivative; i++)
                        _w.Line(Assignment(next));
                    i--;
                    _w.Close();
                    break;
                case ArrayStoreStmt store:
                    _w.Line(Assignment(store));
                    break;
                case ArrayDeclarationStmt declaration:
                    string array = ArrayName(declaration.Array);
                    _w.Line("global::System.Span<double> " + array + " = stackalloc double[" + Literals.Int(_program.Arrays[declaration.Array].Length) + "];");
                    // C# zeroes stackalloc memory unless [SkipLocalsInit] applies; cotangent spans accumulate from zero.
                    if (_skipsLocalsInit) _w.Line(array + ".Clear();");
                    break;
                case ArrayCopyStmt copy:
                    _w.Line(ArrayName(copy.From) + ".CopyTo(" + ArrayName(copy.To) + ");");
                    break;
            }
        }
        _inlined.Pop();
    }

    /// <summary>
    /// Sin and Cos of one argument, both defined in this block (a value and its derivative): they are
    /// computed together where the first of them stands. Returns that place, and the definition to skip.
    /// </summary>
    private (Dictionary<int, (int Sin, int Cos)> At, HashSet<int> Later) SinCosPairs(Block block, Liveness live, HashSet<int> inlined)
    {
        var at = new Dictionary<int, (int Sin, int Cos)>();
        var later = new HashSet<int>();
        var sines = new Dictionary<int, int>();
        var cosines = new Dictionary<int, int>();
        var order = new List<int>();
        foreach (var let in block.Statements.OfType<LetStmt>())
        {
            if (!live.LiveStatements.Contains(let)) continue;
            var node = N(let.Node);
            if (node.Op == Op.Sin) sines[node.A] = let.Node;
            else if (node.Op == Op.Cos) cosines[node.A] = let.Node;
            else continue;
            order.Add(let.Node);
        }
        foreach (var entry in sines)
        {
            if (!cosines.TryGetValue(entry.Key, out int cosine)) continue;
            int sine = entry.Value;
            bool sineFirst = order.IndexOf(sine) < order.IndexOf(cosine);
            at[sineFirst ? sine : cosine] = (sine, cosine);
            later.Add(sineFirst ? cosine : sine);
            inlined.Remove(sine);
            inlined.Remove(cosine);
        }
        return (at, later);
    }

    private string Assignment(ArrayStoreStmt store)
    {
        string element = ArrayName(store.Array) + "[" + Print(store.Index, 0) + "]";
        if (store.Accumulate && N(store.Value).Op == Op.Neg && !IsNamed(store.Value))
            return element + " -= " + Print(N(store.Value).A, 0) + ";";
        return element + (store.Accumulate ? " += " : " = ") + Expression(store.Value) + ";";
    }

    private void WriteFor(ForStmt loop, Liveness outer)
    {
        var carried = loop.Carried.Where(c => outer.LivePhis.Contains(c.Exit)).ToList();
        foreach (var value in carried)
        {
            string name = Define(value.Running);
            _nodeNames[value.Exit] = name;
            _w.Line("double " + name + " = " + Expression(value.Initial) + ";");
        }
        if (loop.Call is { } call)
        {
            _w.Line("global::System.Numerics.Tensors.TensorPrimitives." + call.Function + "<double>(" + SpanOf(call.Source, call.SourceOffset, call.Length)
                + ", " + SpanOf(call.Destination, call.DestinationOffset, call.Length) + ");");
            if (_liveness[BodyOf(loop)].LiveStatements.Count == 0) return;
        }
        string index = Define(loop.LoopIndex);
        string from = Print(loop.From, 0), to = Print(loop.To, 0);
        if (loop.Reversed)
        {
            string last = N(loop.To).Op == Op.IntConst ? Literals.Int((int)N(loop.To).Value - 1) : to + " - 1";
            _w.Open("for (int " + index + " = " + last + "; " + index + " >= " + from + "; " + index + "--)");
        }
        else
        {
            _w.Open("for (int " + index + " = " + from + "; " + index + " < " + to + "; " + index + "++)");
        }
        WriteBlock(BodyOf(loop), new HashSet<int>(carried.Select(c => c.Next)));
        _inlined.Push(InlinedIn(BodyOf(loop)));
        foreach (var value in carried)
        {
            if (value.Next == value.Running) continue;
            var next = N(value.Next);
            string name = _nodeNames[value.Running];
            bool inlineNext = !IsNamed(value.Next);
            if (inlineNext && next.Op == Op.Add && next.A == value.Running) _w.Line(name + " += " + Print(next.B, 0) + ";");
            else if (inlineNext && next.Op == Op.Add && next.B == value.Running) _w.Line(name + " += " + Print(next.A, 0) + ";");
            else if (inlineNext && next.Op == Op.Sub && next.A == value.Running) _w.Line(name + " -= " + Print(next.B, Additive + 1) + ";");
            else _w.Line(name + " = " + Expression(value.Next) + ";");
        }
        _inlined.Pop();
        _w.Close();
    }

    /// <summary>A whole array by its name, a part of it as a Slice.</summary>
    private string SpanOf(int array, int offset, int length)
    {
        bool whole = N(offset).Op == Op.IntConst && N(offset).Value == 0 && _program.Arrays[array].Length == length;
        return whole ? ArrayName(array) : ArrayName(array) + ".Slice(" + Print(offset, 0) + ", " + Literals.Int(length) + ")";
    }

    /// <summary>
    /// Reads the elements of the inputs (y, p, w, vy, vp) at constant indices that a loop uses into locals before it: every
    /// store in the loop could alias them, so the JIT would load them again in every iteration.
    /// </summary>
    private void HoistInputs(ForStmt loop)
    {
        var inputs = new SortedSet<int>();
        CollectInputs(BodyOf(loop), inputs);
        foreach (int id in inputs)
        {
            if (_hoisted.ContainsKey(id)) continue;
            var node = N(id);
            string span = node.Op switch
            {
                Op.State => _spans.State,
                Op.Parameter => _spans.Parameters,
                Op.TangentState => _spans.TangentState,
                Op.TangentParameter => _spans.TangentParameters,
                _ => _spans.Cotangent,
            };
            // w1 for w[1]; wAt1 when the user has a w1 (a number appended to w1 would read as another index).
            string hint = span + Literals.Int(node.Index);
            string name = _names.Allocate(_names.IsFree(hint) ? hint : span + "At" + Literals.Int(node.Index), isUserLocal: false);
            _w.Line("double " + name + " = " + Render(id, node).Text + ";");
            _hoisted[id] = name;
        }
    }

    private void CollectInputs(Block block, SortedSet<int> inputs)
    {
        void Add(int id)
        {
            if (id >= 0 && N(id).Op is Op.State or Op.Parameter or Op.Cotangent or Op.TangentState or Op.TangentParameter) inputs.Add(id);
        }
        foreach (var statement in block.Statements)
        {
            if (!_liveness[block].LiveStatements.Contains(statement)) continue;
            switch (statement)
            {
                case LetStmt let:
                    var node = N(let.Node);
                    for (int slot = 0; slot < node.Op.Arity(); slot++) Add(node.Arg(slot));
                    break;
                case ArrayStoreStmt store:
                    Add(store.Value);
                    break;
                case AccumulateStmt add:
                    Add(add.Node);
                    break;
                case IfStmt branch:
                    foreach (var phi in branch.Phis) { Add(phi.Then); Add(phi.Else); }
                    CollectInputs(branch.Then, inputs);
                    CollectInputs(branch.Else, inputs);
                    break;
                case ForStmt inner:
                    foreach (var carried in inner.Carried) Add(carried.Next);
                    CollectInputs(BodyOf(inner), inputs);
                    break;
            }
        }
    }

    private string ArrayName(int array)
    {
        if (_arrayNames.TryGetValue(array, out var name)) return name;
        var info = _program.Arrays[array];
        name = info.Kind switch
        {
            ArrayKind.State => _spans.State,
            ArrayKind.Parameters => _spans.Parameters,
            ArrayKind.Derivative => "dy",
            ArrayKind.TangentState => _spans.TangentState,
            ArrayKind.TangentParameters => _spans.TangentParameters,
            ArrayKind.Cotangent => _spans.Cotangent,
            ArrayKind.Jv => "jv",
            ArrayKind.WJy => "wJy",
            ArrayKind.WJp => "wJp",
            ArrayKind.DfDt => "dfdt",
            _ => _names.Allocate(info.Name, isUserLocal: array < _userArrayCount),
        };
        _arrayNames[array] = name;
        return name;
    }

    /// <summary>
    /// The inputs y, p and w might alias the outputs (spans may overlap), so after the first store into jv,
    /// wJy or wJp the JIT must read every input element from memory again. The derivatives stored by the
    /// final run of stores are therefore computed into locals first, as a careful hand-written version would
    /// do; f is written last, inside its guard, and computed only when dy is given.
    /// </summary>
    private void ComputeBeforeStoring(Block block, HashSet<int> inlined)
    {
        var statements = block.Statements;
        int tail = statements.Count;
        while (tail > 0 && statements[tail - 1] is StoreStmt or ReturnStmt) tail--;
        for (int i = tail; i < statements.Count; i++)
        {
            var (node, name) = statements[i] switch
            {
                StoreStmt { Target: OutputSpan.Jv } store => (store.Node, "jv" + Literals.Int(store.Index)),
                StoreStmt { Target: OutputSpan.WJy or OutputSpan.WJp } store => (store.Node, "bar"),
                ReturnStmt ret => (ret.Node, "tBar"),
                _ => (-1, ""),
            };
            if (node < 0 || !inlined.Remove(node)) continue;
            if (N(node).Name is null) _storeNames[node] = name;
        }
    }

    private void WriteIf(IfStmt branch, Liveness outer)
    {
        var phis = branch.Phis.Where(p => outer.LivePhis.Contains(p.Phi)).ToList();
        foreach (var phi in phis) _w.Line((TypeOf(phi.Then) == TypeOf(phi.Else) ? TypeOf(phi.Then) : "double") + " " + Define(phi.Phi) + ";");
        _w.Open("if (" + Expression(branch.Cond) + ")");
        WriteBranch(branch.Then, phis.Select(p => (p.Phi, p.Then)));
        bool hasElse = phis.Count > 0 || _liveness[branch.Else].LiveStatements.Count > 0;
        if (hasElse)
        {
            _w.Close();
            _w.Open("else");
            WriteBranch(branch.Else, phis.Select(p => (p.Phi, p.Else)));
        }
        _w.Close();
    }

    private void WriteBranch(Block block, IEnumerable<(int Phi, int Value)> assignments)
    {
        WriteBlock(block, new HashSet<int>(assignments.Select(a => a.Value)));
        _inlined.Push(InlinedIn(block));
        foreach (var (phi, value) in assignments) _w.Line(_nodeNames[phi] + " = " + Expression(value) + ";");
        _inlined.Pop();
    }

    /// <summary>The nodes written inline in <paramref name="block"/>: phi and carried assignments at its end may read them.</summary>
    private HashSet<int> InlinedIn(Block block) => _inlinedIn[block];

    /// <summary>Whether the node has been given a variable (in this block or an enclosing one).</summary>
    private bool IsNamed(int id) => _nodeNames.ContainsKey(id);

    private string TypeOf(int id) => N(id).Op.IsBoolean() ? "bool" : N(id).Op.IsInt() ? "int" : "double";

    private string Define(int id)
    {
        var node = N(id);
        if (_nodeNames.TryGetValue(id, out var existing)) return existing;
        bool userLocal = id < _userNodeCount && node.Name is not null;
        string name = _names.Allocate(Hint(node.Name) ?? (_storeNames.TryGetValue(id, out var stored) ? stored : BaseName(node.Op)), userLocal);
        _nodeNames[id] = name;
        return name;
    }

    /// <summary>Resolves a hint naming another node (<see cref="NameHint"/>) to that node's emitted name plus a suffix.</summary>
    private string? Hint(string? hint)
    {
        if (hint is null || !NameHint.TryParse(hint, out int of, out string suffix)) return hint;
        return (_nodeNames.TryGetValue(of, out var name) ? name : Define(of)) + suffix;
    }

    private string Target(OutputSpan span) => span switch
    {
        OutputSpan.Dy => "dy",
        OutputSpan.Jv => "jv",
        OutputSpan.WJy => "wJy",
        OutputSpan.WJp => "wJp",
        OutputSpan.Jac => "jac",
        _ => "dfdt",
    };

    private string StoreComment(StoreStmt store)
    {
        if (store.Target != OutputSpan.Jac || _program.JacobianColumns <= 0) return "";
        int row = store.Index / _program.JacobianColumns, column = store.Index % _program.JacobianColumns;
        string wrt = _program.JacobianOfParameters ? _spans.Parameters : _spans.State;
        return " // d(dy[" + Literals.Int(row) + "])/d" + wrt + "[" + Literals.Int(column) + "]";
    }

    // ---------------------------------------------------------------- expressions

    private const int Conditional = 1, LogicalOr = 2, LogicalAnd = 3, Equality = 4, Relational = 5, Additive = 6, Multiplicative = 7, Unary = 8, Primary = 9;

    private string Expression(int id, bool bind = true) => Print(id, 0, bind);

    private string Print(int id, int context, bool bind = true)
    {
        if (_hoisted.TryGetValue(id, out var hoisted)) return hoisted;
        var node = N(id);
        if (bind && !node.Op.IsLeaf() && !IsInlined(id))
        {
            if (_nodeNames.TryGetValue(id, out var name)) return name;
            return Define(id);
        }
        var (text, precedence) = Render(id, node);
        return precedence < context ? "(" + text + ")" : text;
    }

    private bool IsInlined(int id)
    {
        foreach (var set in _inlined)
        {
            if (set.Contains(id)) return true;
        }
        return false;
    }

    private (string Text, int Precedence) Render(int id, Node node)
    {
        switch (node.Op)
        {
            case Op.Const:
                string literal = Literals.Double(node.Value);
                return (literal, literal.StartsWith("-", StringComparison.Ordinal) ? Unary : Primary);
            case Op.Time: return (_spans.Time, Primary);
            case Op.State: return (_spans.State + "[" + Literals.Int(node.Index) + "]", Primary);
            case Op.Parameter: return (_spans.Parameters + "[" + Literals.Int(node.Index) + "]", Primary);
            case Op.TangentState: return (_spans.TangentState + "[" + Literals.Int(node.Index) + "]", Primary);
            case Op.TangentParameter: return (_spans.TangentParameters + "[" + Literals.Int(node.Index) + "]", Primary);
            case Op.TangentTime: return (_spans.TangentTime, Primary);
            case Op.Cotangent: return (_spans.Cotangent + "[" + Literals.Int(node.Index) + "]", Primary);
            case Op.Accumulator: return (_accumulatorNames[node.Index], Primary);
            case Op.Phi or Op.Running or Op.LoopIndex: return (_nodeNames[id], Primary);
            case Op.IntConst:
                string integer = Literals.Int((int)node.Value);
                return (integer, integer.StartsWith("-", StringComparison.Ordinal) ? Unary : Primary);
            case Op.Load or Op.AdjointLoad: return (ArrayName(node.Index) + "[" + Print(node.A, 0) + "]", Primary);
            case Op.IntAdd: return (Print(node.A, Additive) + " + " + Print(node.B, Additive + 1), Additive);
            case Op.IntSub: return (Print(node.A, Additive) + " - " + Print(node.B, Additive + 1), Additive);
            case Op.IntMul: return (Print(node.A, Multiplicative) + " * " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.IntDiv: return (Print(node.A, Multiplicative) + " / " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.IntRem: return (Print(node.A, Multiplicative) + " % " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.ToDouble: return ("(double)" + Print(node.A, Unary + 1), Unary);
            case Op.Neg: return ("-" + Print(node.A, Unary + 1), Unary);
            case Op.Add:
                // a + (-c) is written a - c: the same IEEE result.
                if (N(node.B) is { IsConst: true } c && c.Value < 0)
                    return (Print(node.A, Additive) + " - " + Literals.Double(-c.Value), Additive);
                return (Print(node.A, Additive) + " + " + Print(node.B, Additive + 1), Additive);
            case Op.Sub: return (Print(node.A, Additive) + " - " + Print(node.B, Additive + 1), Additive);
            case Op.Mul: return (Print(node.A, Multiplicative) + " * " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.Div: return (Print(node.A, Multiplicative) + " / " + Print(node.B, Multiplicative + 1), Multiplicative);
            case Op.Less: return (Print(node.A, Relational + 1) + " < " + Print(node.B, Relational + 1), Relational);
            case Op.LessOrEqual: return (Print(node.A, Relational + 1) + " <= " + Print(node.B, Relational + 1), Relational);
            case Op.Greater: return (Print(node.A, Relational + 1) + " > " + Print(node.B, Relational + 1), Relational);
            case Op.GreaterOrEqual: return (Print(node.A, Relational + 1) + " >= " + Print(node.B, Relational + 1), Relational);
            case Op.Equal: return (Print(node.A, Equality + 1) + " == " + Print(node.B, Equality + 1), Equality);
            case Op.NotEqual: return (Print(node.A, Equality + 1) + " != " + Print(node.B, Equality + 1), Equality);
            case Op.And: return (Print(node.A, LogicalAnd) + " && " + Print(node.B, LogicalAnd + 1), LogicalAnd);
            case Op.Or: return (Print(node.A, LogicalOr) + " || " + Print(node.B, LogicalOr + 1), LogicalOr);
            case Op.Not: return ("!" + Print(node.A, Unary + 1), Unary);
            case Op.Select: return (Print(node.A, LogicalOr) + " ? " + Print(node.B, Conditional) + " : " + Print(node.C, Conditional), Conditional);
            default:
                string function = "global::System.Math." + node.Op.MathName();
                string arguments = node.Op.Arity() == 2 ? Print(node.A, 0) + ", " + Print(node.B, 0) : Print(node.A, 0);
                return (function + "(" + arguments + ")", Primary);
        }
    }

    private static string BaseName(Op op) => op.BaseName();
}

/// <summary>Reference equality for statements and blocks: equal records in different places are different occurrences.</summary>
internal sealed class ReferenceEqualityComparer : IEqualityComparer<object>
{
    public static ReferenceEqualityComparer Instance { get; } = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
}
