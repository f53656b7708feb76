using System;
using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Passes;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Emission;

/// <summary>The names the emitted method gives its spans and scalars.</summary>
internal sealed record SpanNames(string Time, string State, string Parameters, string TangentState, string TangentParameters, string TangentTime, string Cotangent,
    string Output = "dy", string StateCotangent = "wJy", string ParameterCotangent = "wJp")
{
    /// <summary>An IOdeSystem member's: f(t, y, p) into dy.</summary>
    public static SpanNames Standard { get; } = new("t", "y", "p", "vy", "vp", "vt", "w");

    /// <summary>An IDifferentiableFunction member's: F(x, p) into y.</summary>
    public static SpanNames Layer { get; } = new("t", "x", "p", "vx", "vp", "vt", "w", "y", "wJx");

    /// <summary>JvpVjp's: the tangent of f goes into jv, written only when given, as f is by the other members.</summary>
    public static SpanNames SecondOrder { get; } = new("t", "y", "p", "vy", "vp", "vt", "w", "jv");

    /// <summary>DivergenceGradient's: the gradient of tr(∂f/∂y) goes into gy and gp.</summary>
    public static SpanNames DivergenceGradient { get; } = new("t", "y", "p", "vy", "vp", "vt", "w", "dy", "gy", "gp");
}

/// <summary>
/// Writes the statements of one derivative program as a method body. Dead values are dropped block by
/// block; a temporary used once in its own block is written inline into its use, so that what remains
/// reads like hand-written code; the rest become locals named by the <see cref="NameTable"/>.
/// </summary>
internal sealed partial class ProgramEmitter
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
    // The nodes whose names are being derived, to break a circle of names derived from one another.
    private readonly HashSet<int> _naming = new();
    private readonly Dictionary<ForStmt, Block> _callBodies = new(ReferenceEqualityComparer.Instance);
    // Arrays some live statement reads or writes: only these are declared.
    private readonly HashSet<int> _usedArrays = new();
    // Input elements read into locals before the loops that use them, by node.
    private readonly Dictionary<int, string> _hoisted = new();
    // Per loop being written, the names of its row indices (UnrollAndJam), free again when it ends.
    private readonly Stack<List<string>> _rowIndexNames = new();
    // The indices of the loops being written, outermost first.
    private readonly HashSet<string> _openLoopIndices = new(StringComparer.Ordinal);
    // The kinds of the values of a lane kernel, or null for per-copy code.
    private readonly LaneTypes? _lanes;
    // Whether stores into dy are guarded by dy.IsEmpty (every member but Forward, which always writes f).
    private readonly bool _guardsOutput;
    // Whether the program runs over several lane groups (LaneGroups), its method spans holding every group's part.
    private readonly bool _overGroups;

    public ProgramEmitter(DerivativeProgram program, int userNodeCount, int userArrayCount, NameTable names, SpanNames spans, CodeWriter writer, bool skipsLocalsInit,
        LaneTypes? lanes = null, bool guardsOutput = true)
    {
        _lanes = lanes;
        _guardsOutput = guardsOutput;
        _skipsLocalsInit = skipsLocalsInit;
        _program = program;
        _overGroups = program.Arrays.Any(a => a.Group > 0);
        _userNodeCount = userNodeCount;
        _userArrayCount = userArrayCount;
        _names = names;
        _spans = spans;
        _w = writer;
    }

    private Node N(int id) => _program.Nodes[id];

    private bool IsParameterRead(Node node) => node.Op == Op.Parameter || node.Op == Op.Load && _program.Arrays[node.Index].Kind == ArrayKind.Parameters;

    public void Emit()
    {
        Analyze(_program.Body, new HashSet<int>());
        DeclareGroupSpans();
        WriteBlock(_program.Body);
    }
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
            // A lane kernel reads a weight where each use broadcasts it (a kernel over two groups uses it twice): the JIT folds
            // the read into each multiply-add, where a local would cost a register and a broadcast.
            bool weight = _lanes is not null && IsParameterRead(N(id)) && !live.NestedUses.Contains(id);
            if ((single || weight) && !userLocal && N(id).Op != Op.AdjointLoad) inlined.Add(id);
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
                    string sinCos = InLanes(pair.Sin) ? Vector + ".SinCos" : "global::System.Math.SinCos";
                    _w.Line("(" + TypeOf(pair.Sin) + " " + Define(pair.Sin) + ", " + TypeOf(pair.Cos) + " " + Define(pair.Cos) + ") = " + sinCos + "(" + Print(N(pair.Sin).A, 0) + ");");
                    break;
                case LetStmt let when !inlined.Contains(let.Node):
                    _w.Line(TypeOf(let.Node) + " " + Define(let.Node) + " = " + Expression(let.Node, bind: false) + ";");
                    break;
                case ReductionStmt reduction:
                    var call = reduction.Call;
                    string arguments = SpanOf(call.First, call.FirstOffset, call.Length) + (call.Second >= 0 ? ", " + SpanOf(call.Second, call.SecondOffset, call.Length) : "");
                    _w.Line("double " + Define(call.Value) + " = global::System.Numerics.Tensors.TensorPrimitives." + call.Function + "<double>(" + arguments + ");");
                    break;
                case RestoreStmt restore:
                    _w.Line(TypeOf(restore.Node) + " " + Define(restore.Node) + " = " + ArrayName(restore.Array) + "[" + Print(restore.Index, 0) + "];");
                    break;
                case StoreStmt { Target: OutputSpan.Dy }:
                    if (_guardsOutput) _w.Open("if (!" + _spans.Output + ".IsEmpty)");
                    for (; i < statements.Count && statements[i] is StoreStmt { Target: OutputSpan.Dy } store; i++)
                        _w.Line(_spans.Output + "[" + Literals.Int(store.Index) + "] = " + LaneExpression(store.Node) + ";");
                    i--;
                    if (_guardsOutput) _w.Close();
                    break;
                case StoreStmt store:
                    _w.Line(Target(store.Target) + "[" + Literals.Int(store.Index) + "] = " + LaneExpression(store.Node) + ";" + StoreComment(store));
                    break;
                case ReturnStmt ret:
                    _w.Line("return " + LaneExpression(ret.Node) + ";");
                    break;
                case ClearStmt clear:
                    _w.Line(Target(clear.Target) + ".Clear();");
                    break;
                case AccumulatorDeclaration declaration:
                    string name = _names.Allocate(Hint(declaration.Name)!, false);
                    _accumulatorNames[declaration.Accumulator] = name;
                    if (_lanes is null) _w.Line("double " + name + " = " + (declaration.Initial < 0 ? "0.0" : Expression(declaration.Initial)) + ";");
                    else _w.Line(VectorOfDouble + " " + name + " = " + (declaration.Initial < 0 ? VectorOfDouble + ".Zero" : LaneExpression(declaration.Initial)) + ";");
                    break;
                case AccumulateStmt add:
                    string accumulator = _accumulatorNames[add.Accumulator];
                    if (N(add.Node).Op == Op.Neg && !IsNamed(add.Node))
                        _w.Line(accumulator + " -= " + LaneOperand(N(add.Node).A, 0) + ";");
                    else if (IsFusable(add.Node))
                        _w.Line(accumulator + " = " + FusedMultiplyAdd(add.Node, accumulator) + ";");
                    else
                        _w.Line(accumulator + " += " + LaneExpression(add.Node) + ";");
                    break;
                case IfStmt branch:
                    WriteIf(branch, live);
                    break;
                case ForStmt loop:
                    if (ReferenceEquals(block, _program.Body)) HoistInputs(loop);
                    WriteFor(loop, live);
                    break;
                case ArrayStoreStmt store when _program.Arrays[store.Array].Kind == ArrayKind.Derivative && _guardsOutput:
                    // The JVP and VJP write f only when given a dy: one guard for a run of stores into it.
                    _w.Open("if (!" + _spans.Output + ".IsEmpty)");
                    for (; i < statements.Count && statements[i] is ArrayStoreStmt next && _program.Arrays[next.Array].Kind == ArrayKind.Derivative; i++)
                        _w.Line(Assignment(next));
                    i--;
                    _w.Close();
                    break;
                case ArrayStoreStmt { Accumulate: true } store when AccumulationRun(statements, i, live) is > 1 and int run:
                    WriteAccumulatedRun(statements.Skip(i).Take(run).Cast<ArrayStoreStmt>().ToList());
                    i += run - 1;
                    break;
                case ArrayStoreStmt store:
                    _w.Line(Assignment(store));
                    break;
                case ArrayDeclarationStmt declaration:
                    string array = ArrayName(declaration.Array);
                    string element = _lanes is null ? "double" : VectorOfDouble;
                    _w.Line("global::System.Span<" + element + "> " + array + " = stackalloc " + element + "[" + Literals.Int(_program.Arrays[declaration.Array].Length) + "];");
                    // C# zeroes stackalloc memory unless [SkipLocalsInit] applies; cotangent spans accumulate from zero.
                    if (_skipsLocalsInit) _w.Line(array + ".Clear();");
                    break;
                case ArrayCopyStmt copy:
                    _w.Line(WholeArray(copy.From) + ".CopyTo(" + WholeArray(copy.To) + ");");
                    break;
                case ViewStmt view:
                    WriteView(view);
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
            return element + " -= " + LaneOperand(N(store.Value).A, 0) + ";";
        if (store.Accumulate && IsFusable(store.Value))
            return element + " = " + FusedMultiplyAdd(store.Value, element) + ";";
        return element + (store.Accumulate ? " += " : " = ") + LaneExpression(store.Value) + ";";
    }

    /// <summary>How many statements from <paramref name="start"/> add into the same element (the rows of a jammed loop do).</summary>
    private static int AccumulationRun(EquatableArray<Stmt> statements, int start, Liveness live)
    {
        var first = (ArrayStoreStmt)statements[start];
        int end = start + 1;
        while (end < statements.Count && statements[end] is ArrayStoreStmt { Accumulate: true } next && next.Array == first.Array && next.Index == first.Index
            && live.LiveStatements.Contains(next)) end++;
        return end - start;
    }

    /// <summary>
    /// Contributions added into one element one after another: the element is read and written once and the additions stay
    /// in registers, in the same order and with the same roundings as the statements one by one. Per-copy code writes
    /// one sum; a lane kernel, whose additions are fused multiply-adds, a local that each of them updates.
    /// </summary>
    private void WriteAccumulatedRun(List<ArrayStoreStmt> run)
    {
        string element = ArrayName(run[0].Array) + "[" + Print(run[0].Index, 0) + "]";
        string Added(ArrayStoreStmt store, string sum)
        {
            if (N(store.Value).Op == Op.Neg && !IsNamed(store.Value)) return sum + " - " + LaneOperand(N(store.Value).A, Additive + 1);
            if (IsFusable(store.Value)) return FusedMultiplyAdd(store.Value, sum);
            return sum + " + " + LaneOperand(store.Value, Additive + 1);
        }
        if (_lanes is null)
        {
            _w.Line(element + " = " + run.Aggregate(element, (sum, store) => Added(store, sum)) + ";");
            return;
        }
        string local = _names.Allocate(ArrayName(run[0].Array) + "Sum", isUserLocal: false);
        _w.Line(VectorOfDouble + " " + local + " = " + element + ";");
        foreach (var store in run) _w.Line(local + " = " + Added(store, local) + ";");
        _w.Line(element + " = " + local + ";");
    }

    /// <summary>A row of p or wJp that a loop reads or adds into (<see cref="RowViews"/>): <c>pRow = p.Slice(offset, length)</c>.</summary>
    private void WriteView(ViewStmt view)
    {
        var info = _program.Arrays[view.View];
        bool input = info.Kind is ArrayKind.Parameters or ArrayKind.TangentParameters;
        string element = _lanes is not null && LaneTypes.IsLaneArray(info) ? VectorOfDouble : "double";
        _w.Line("global::System." + (input ? "ReadOnlySpan" : "Span") + "<" + element + "> " + ArrayName(view.View) + " = " + ArrayName(info.ViewOf)
            + ".Slice(" + Print(view.Offset, 0) + ", " + Literals.Int(info.Length) + ");");
    }

    private string ArrayName(int array)
    {
        if (_arrayNames.TryGetValue(array, out var name)) return name;
        var info = _program.Arrays[array];
        name = info.ViewOf >= 0 ? _names.Allocate(ArrayName(info.ViewOf) + "Row", isUserLocal: false)
            : info.Kind == ArrayKind.Scratch ? _names.Allocate(info.Name, isUserLocal: array < _userArrayCount)
            : info.Group == 0 ? SpanName(info.Kind)
            : _names.Allocate(SpanName(info.Kind) + LaneGroups.Suffix(info.Group), isUserLocal: false);
        _arrayNames[array] = name;
        return name;
    }

    /// <summary>
    /// An array as a span of its length: its name, or for the first group of a kernel over several groups, whose method
    /// spans hold every group's part, the first part.
    /// </summary>
    private string WholeArray(int array)
    {
        var info = _program.Arrays[array];
        bool shared = info.Kind == ArrayKind.Scratch || !_overGroups;
        return shared || info.Group > 0 ? ArrayName(array) : ArrayName(array) + ".Slice(0, " + Literals.Int(info.Length) + ")";
    }

    /// <summary>The method's span of an array kind.</summary>
    private string SpanName(ArrayKind kind) => kind switch
    {
        ArrayKind.State => _spans.State,
        ArrayKind.Parameters => _spans.Parameters,
        ArrayKind.Derivative => _spans.Output,
        ArrayKind.TangentState => _spans.TangentState,
        ArrayKind.TangentParameters => _spans.TangentParameters,
        ArrayKind.Cotangent => _spans.Cotangent,
        ArrayKind.Jv => "jv",
        ArrayKind.WJy => _spans.StateCotangent,
        ArrayKind.WJp => _spans.ParameterCotangent,
        ArrayKind.DfDt => "dfdt",
        ArrayKind.Hy => "hy",
        ArrayKind.Hp => "hp",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// A kernel over several lane groups takes each per-copy span with the groups one after another: the later groups'
    /// parts are named once, at the top (an output given empty, as dy may be, stays empty).
    /// </summary>
    private void DeclareGroupSpans()
    {
        for (int a = 0; a < _program.Arrays.Count; a++)
        {
            var info = _program.Arrays[a];
            if (info.Group == 0 || info.Kind == ArrayKind.Scratch || !_usedArrays.Contains(a)) continue;
            string whole = SpanName(info.Kind);
            bool input = info.Kind is ArrayKind.State or ArrayKind.TangentState or ArrayKind.Cotangent;
            string slice = whole + ".Slice(" + Literals.Int(info.Group * info.Length) + ", " + Literals.Int(info.Length) + ")";
            if (info.Kind == ArrayKind.Derivative && _guardsOutput) slice = whole + ".IsEmpty ? " + whole + " : " + slice;
            _w.Line("global::System." + (input ? "ReadOnlySpan" : "Span") + "<" + (_lanes is null ? "double" : VectorOfDouble) + "> " + ArrayName(a) + " = " + slice + ";");
        }
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
                StoreStmt { Target: OutputSpan.Hy } store => (store.Node, "hy" + Literals.Int(store.Index)),
                StoreStmt { Target: OutputSpan.Hp } store => (store.Node, "hp" + Literals.Int(store.Index)),
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
        foreach (var phi in phis) _w.Line(PhiType(phi) + " " + Define(phi.Phi) + ";");
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
        foreach (var (phi, value) in assignments) _w.Line(_nodeNames[phi] + " = " + (InLanes(phi) ? LaneExpression(value) : Expression(value)) + ";");
        _inlined.Pop();
    }

    /// <summary>The nodes written inline in <paramref name="block"/>: phi and carried assignments at its end may read them.</summary>
    private HashSet<int> InlinedIn(Block block) => _inlinedIn[block];

    /// <summary>Whether the node has been given a variable (in this block or an enclosing one).</summary>
    private bool IsNamed(int id) => _nodeNames.ContainsKey(id);

    private string TypeOf(int id)
    {
        if (_lanes is not null && _lanes.IsLane(id)) return VectorOfDouble;
        return N(id).Op.IsBoolean() ? "bool" : N(id).Op.IsInt() ? "int" : "double";
    }

    private string PhiType(PhiAssignment phi)
    {
        if (_lanes is not null) return _lanes[phi.Phi] switch { LaneKind.Int => "int", LaneKind.Bool => "bool", _ => VectorOfDouble };
        return TypeOf(phi.Then) == TypeOf(phi.Else) ? TypeOf(phi.Then) : "double";
    }

    private string Define(int id)
    {
        var node = N(id);
        if (_nodeNames.TryGetValue(id, out var existing)) return existing;
        bool userLocal = id < _userNodeCount && node.Name is not null;
        if (IsRowIndex(node))
        {
            // i1 = i + 1 of a loop unrolled over rows is named like a loop index: sibling loops each declare their own.
            string row = _names.AllocateLoopIndex(node.Name!, false, _openLoopIndices);
            _rowIndexNames.Peek().Add(row);
            _openLoopIndices.Add(row);
            return _nodeNames[id] = row;
        }
        _naming.Add(id);
        string name = _names.Allocate(Hint(node.Name) ?? (_storeNames.TryGetValue(id, out var stored) ? stored : BaseName(node.Op)), userLocal);
        _naming.Remove(id);
        _nodeNames[id] = name;
        return name;
    }

    private bool IsRowIndex(Node node) =>
        node is { Op: Op.IntAdd or Op.IntSub, Name: not null } && N(node.A).Op == Op.LoopIndex && N(node.B).Op == Op.IntConst && _rowIndexNames.Count > 0;

    /// <summary>Resolves a hint naming another node (<see cref="NameHint"/>) to that node's emitted name plus a suffix.</summary>
    private string? Hint(string? hint)
    {
        if (hint is null || !NameHint.TryParse(hint, out int of, out string suffix)) return hint;
        // Names derived in a circle (a tangent of a cotangent named after the value it flows to) fall back to the operation's.
        if (_naming.Contains(of)) return null;
        return (_nodeNames.TryGetValue(of, out var name) ? name : Define(of)) + suffix;
    }

    private string Target(OutputSpan span) => span switch
    {
        OutputSpan.Dy => _spans.Output,
        OutputSpan.Jv => "jv",
        OutputSpan.WJy => _spans.StateCotangent,
        OutputSpan.WJp => _spans.ParameterCotangent,
        OutputSpan.Jac => "jac",
        OutputSpan.Hy => "hy",
        OutputSpan.Hp => "hp",
        _ => "dfdt",
    };

    private string StoreComment(StoreStmt store)
    {
        if (store.Target != OutputSpan.Jac || _program.JacobianColumns <= 0) return "";
        int row = store.Index / _program.JacobianColumns, column = store.Index % _program.JacobianColumns;
        string wrt = _program.JacobianOfParameters ? _spans.Parameters : _spans.State;
        return " // d(dy[" + Literals.Int(row) + "])/d" + wrt + "[" + Literals.Int(column) + "]";
    }
}
