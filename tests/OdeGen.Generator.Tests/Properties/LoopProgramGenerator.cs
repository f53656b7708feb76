using System;
using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Random dynamics bodies with loops, from a seed, within the subset the generator accepts: scratch spans
/// declared at the top level and each filled by one or more phases (LoopPhases.cs) before anything reads it,
/// loop-carried locals that only accumulate, and sizes on the attribute. The outputs are written either by
/// loops (then dy is never read back, ODE0016) or at the top level (then they may be read back).
/// </summary>
/// <remarks>
/// This file holds the program's skeleton and the bookkeeping shared by the phases: what may be read where
/// (spans, locals, loop indices) and what may be assigned where (a local declared outside the current loop
/// only by an accumulation the phases place themselves, and not read in that loop, ODE0018).
/// </remarks>
internal sealed partial class LoopProgramGenerator
{
    private static readonly string[] LoopNames = { "i", "j", "m" };

    private readonly Random _random;
    private readonly ExpressionGenerator _expressions;
    private readonly IndexGenerator _index;
    // The statement lists being filled, innermost last, each with the double locals declared in it and the
    // loop depth it belongs to (locals of the current depth may be reassigned freely).
    private readonly List<(List<Statement> Statements, List<string> Locals, int Depth)> _frames = new();
    // Spans complete and readable (y, views, finished scratch spans), with their lengths.
    private readonly List<(string Name, int Length)> _readable = new();
    // The scratch spans, and the read-only views of them by view name.
    private readonly List<(string Name, int Length)> _scratch = new();
    private readonly Dictionary<string, string> _views = new();
    // Accumulators of the loops being generated: they may not be read there.
    private readonly HashSet<string> _carried = new();
    private readonly HashSet<int> _assignedOutputs = new();
    // Running totals of the values stored into spans: the outputs add them all, so those values reach dy.
    private readonly List<string> _totals = new();
    private int _stateSize;
    private int _scalarParameters;
    private int _parameterCount;
    private bool _hasParameters;
    private bool _outputsInLoops;
    private string? _stateBound;
    private int _names;

    private LoopProgramGenerator(int seed)
    {
        _random = new Random(seed);
        _expressions = new ExpressionGenerator(_random);
        _index = new IndexGenerator(_random);
    }

    public static DynamicsProgram Generate(int seed) => new LoopProgramGenerator(seed).Program(seed);

    private DynamicsProgram Program(int seed)
    {
        _stateSize = 1 + _random.Next(5);
        _hasParameters = _random.Next(6) != 0;
        // p[0 .. scalars) are read at constant indices by random expressions; layers take blocks after them.
        _scalarParameters = _hasParameters ? _random.Next(3) : 0;
        _parameterCount = _scalarParameters;
        var body = new List<Statement>();
        _frames.Add((body, new List<string>(), 0));

        _readable.Add(("y", _stateSize));
        if (_stateSize >= 3 && _random.Next(3) == 0) View("y", 1, _stateSize - 1);
        if (_hasParameters && _random.Next(2) == 0)
        {
            int length = 4 + _random.Next(5);
            View("p", Allocate(length), length);
        }
        if (_random.Next(3) == 0) _stateBound = ConstInt(_stateSize);
        for (int i = _random.Next(3); i > 0; i--) DeclareDouble(Value(2));

        int phases = _random.Next(8) == 0 ? 0 : 1 + _random.Next(3);
        for (int i = 0; i < phases; i++) Phase();
        Readouts();
        _outputsInLoops = _random.Next(5) < 3;
        if (_outputsInLoops) OutputsInLoops();
        else OutputsAtTopLevel();

        return new DynamicsProgram(seed, _stateSize, _hasParameters ? _parameterCount : 0, _hasParameters, SizesOnAttribute: true, body,
            Family: nameof(LoopProgramGenerator));
    }

    // ---------------------------------------------------------------- names, declarations, statements

    private string Name(string prefix) => prefix + _names++;

    private void Emit(Statement statement) => _frames[^1].Statements.Add(statement);

    /// <summary>A block p[offset .. offset + length) of fresh parameters.</summary>
    private int Allocate(int length)
    {
        int offset = _parameterCount;
        _parameterCount += length;
        return offset;
    }

    private string ConstInt(int value)
    {
        string name = Name("n");
        Emit(new DeclareInt(name, new IntConst(value), IsConst: true));
        _index.Define(name, new IntConst(value));
        return name;
    }

    /// <summary>A read-only view of a readable span (or of p), which then is readable itself.</summary>
    private string View(string source, int offset, int length)
    {
        string name = Name("v");
        Emit(new DeclareView(name, source, offset, length, Writable: false));
        _readable.Add((name, length));
        return name;
    }

    private string DeclareDouble(Expr value)
    {
        string name = Name("a");
        Emit(new DeclareLocal(name, value));
        _frames[^1].Locals.Add(name);
        return name;
    }

    /// <summary>A local that a loop generated next accumulates into; it is readable again once <see cref="Release"/>d.</summary>
    private string DeclareAccumulator(Expr initial)
    {
        string name = Name("s");
        Emit(new DeclareLocal(name, initial));
        _frames[^1].Locals.Add(name);
        _carried.Add(name);
        return name;
    }

    private void Release(string accumulator) => _carried.Remove(accumulator);

    private static StoreElement Store(string span, IntExpr index, string op, Expr value) => new(span, index, op, value);

    /// <summary>
    /// <c>for (int i = …)</c> over <paramref name="length"/> positions: <c>i &lt; n</c>, <c>i &lt;= n - 1</c> or
    /// <c>i = 1; i &lt; n + 1</c>; <paramref name="body"/> gets the position (i, or i - 1) as an int expression.
    /// </summary>
    private void ForEach(int length, Action<IntExpr> body, string? bound = null)
    {
        string name = LoopNames[_index.Depth];
        var variable = new IntVar(name);
        switch (bound is null ? _random.Next(5) : 0)
        {
            case 1:
                Loop(name, new IntConst(0), new IntConst(length - 1), inclusive: true, () => body(variable));
                break;
            case 2:
                Loop(name, new IntConst(1), new IntConst(length + 1), inclusive: false, () => body(new IntBinary('-', variable, new IntConst(1))));
                break;
            default:
                Loop(name, new IntConst(0), bound is null ? new IntConst(length) : new IntVar(bound), inclusive: false, () => body(variable));
                break;
        }
    }

    private void Loop(string name, IntExpr from, IntExpr bound, bool inclusive, Action body)
    {
        var statements = new List<Statement>();
        _index.Enter(name, from, bound, inclusive);
        _frames.Add((statements, new List<string>(), _index.Depth));
        body();
        _frames.RemoveAt(_frames.Count - 1);
        _index.Exit();
        Emit(new For(name, from, bound, inclusive, statements));
    }

    /// <summary>The statements <paramref name="fill"/> emits, in a block of their own (an if branch).</summary>
    private List<Statement> Branch(Action fill)
    {
        var statements = new List<Statement>();
        _frames.Add((statements, new List<string>(), _index.Depth));
        fill();
        _frames.RemoveAt(_frames.Count - 1);
        return statements;
    }

    /// <summary>
    /// A few statements that use the loop's own locals: declarations, reassignments with = += -= *= /= of
    /// locals declared at this loop depth, and int locals computed from the indices.
    /// </summary>
    private void Extras(int most)
    {
        for (int count = _random.Next(most + 1); count > 0; count--)
        {
            var assignable = _frames.Where(f => f.Depth == _index.Depth).SelectMany(f => f.Locals).Where(n => !_carried.Contains(n)).ToList();
            switch (_random.Next(5))
            {
                case 0 when _index.Depth > 0:
                    string name = Name("n");
                    var value = _index.Into(6);
                    Emit(new DeclareInt(name, value));
                    _index.Define(name, value);
                    break;
                case 1 or 2 when assignable.Count > 0:
                    string op = new[] { "=", "+=", "-=", "*=", "/=" }[_random.Next(5)];
                    var operand = op == "/=" ? _expressions.PositiveOrNegativeAwayFromZero(Here(), 1) : Value(2);
                    Emit(new AssignLocal(assignable[_random.Next(assignable.Count)], op, operand));
                    break;
                default:
                    DeclareDouble(Value(2));
                    break;
            }
        }
    }

    // ---------------------------------------------------------------- expressions

    /// <summary>What an expression may read here.</summary>
    private Scope Here() => new(_stateSize, _scalarParameters)
    {
        Locals = _frames.SelectMany(f => f.Locals).Where(n => !_carried.Contains(n)).ToList(),
        LoopLeaf = Leaf,
        OutputsReadable = !_outputsInLoops,
        AssignedOutputs = new HashSet<int>(_assignedOutputs),
    };

    private Expr Value(int depth) => _expressions.Next(Here(), depth);

    /// <summary>A read of a span element at an index valid here, a neighbour guarded by ?:, or a loop index as a double.</summary>
    private Expr Leaf()
    {
        var variables = _index.LoopVariables;
        int roll = _random.Next(10);
        if (variables.Count > 0 && roll == 0) return new IndexValue(new IntVar(variables[_random.Next(variables.Count)]));
        if (variables.Count > 0 && roll <= 2 && Neighbour() is { } neighbour) return neighbour;
        var (span, length) = _readable[_random.Next(_readable.Count)];
        return new ElementRef(span, _index.Into(length));
    }

    /// <summary>
    /// <c>i &gt; 0 ? x[i - 1] : x[i]</c> or <c>i &lt; n - 1 ? x[i + 1] : x[0]</c>, a stencil: the arm not taken
    /// would read outside x, so the generated code must evaluate only the arm taken.
    /// </summary>
    private Expr? Neighbour()
    {
        var (span, length) = _readable[_random.Next(_readable.Count)];
        var variable = new IntVar(_index.LoopVariables[_random.Next(_index.Depth)]);
        if (length < 2 || !_index.Valid(variable, length)) return null;
        return _random.Next(2) == 0
            ? new Conditional(new IntComparison(">", variable, new IntConst(0)), new ElementRef(span, new IntBinary('-', variable, new IntConst(1))), new ElementRef(span, variable))
            : new Conditional(new IntComparison("<", variable, new IntConst(length - 1)), new ElementRef(span, new IntBinary('+', variable, new IntConst(1))), new ElementRef(span, new IntConst(0)));
    }

    /// <summary>
    /// A factor of a term accumulated into a loop-carried local: any expression (whose nodes derivative rules may
    /// build too), a single read (a span element, a guarded neighbour, an index) or a number.
    /// </summary>
    private Expr Factor() => _random.Next(3) switch
    {
        0 => Value(1),
        1 => new Number(new[] { 0.37, -0.61, 1.3, 0.19 }[_random.Next(4)]),
        _ => Leaf(),
    };

    /// <summary>
    /// A smooth function of s, mostly one whose derivative is computed from its own result (tanh, exp,
    /// sqrt): a stored value read back wrongly then gives a wrong derivative.
    /// </summary>
    private Expr Activation(Expr s) => _random.Next(7) switch
    {
        0 or 1 => new MathCall("Tanh", new[] { s }),
        2 => new MathCall("Exp", new Expr[] { new Negate(new Binary('*', s, s)) }),
        3 => new MathCall("Sqrt", new Expr[] { new Binary('+', new Number(1.5), new Binary('*', s, s)) }),
        // Softplus, naive (Math.Exp overflows for s > 709, harmless where the value never reaches dy) or stable.
        4 => _random.Next(2) == 0
            ? new MathCall("Log", new Expr[] { new Binary('+', new Number(1.0), new MathCall("Exp", new[] { s })) })
            : new Binary('+', new MathCall("Log", new Expr[] { new Binary('+', new Number(1.0), new MathCall("Exp", new Expr[] { new Negate(new MathCall("Abs", new[] { s })) })) }), new MathCall("Max", new[] { s, new Number(0.0) })),
        5 => new MathCall("Sin", new[] { s }),
        _ => s,
    };

    /// <summary>A condition inside a loop: on the indices (<c>j != i</c>, <c>i % 2 == 0</c>), or on values (a switch).</summary>
    private Condition LoopCondition()
    {
        var variables = _index.LoopVariables;
        if (variables.Count > 0 && _random.Next(2) == 0)
        {
            for (int attempt = 0; attempt < 4; attempt++)
            {
                var a = new IntVar(variables[_random.Next(variables.Count)]);
                var b = new IntVar(variables[_random.Next(variables.Count)]);
                var test = _random.Next(3) switch
                {
                    0 when a != b => new IntComparison("!=", a, b),
                    1 => new IntComparison("==", new IntBinary('%', a, new IntConst(2)), new IntConst(0)),
                    _ => new IntComparison(_random.Next(2) == 0 ? ">" : "<=", a, new IntConst(1)),
                };
                if (_index.Varies(test)) return test;
            }
        }
        return _expressions.InputDependentCondition(Here(), 1);
    }
}
