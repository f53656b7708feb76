using System;
using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Random double expressions whose every Math call gets an argument inside its domain, away from
/// singular points (Log(c + e*e), Asin(0.9*Tanh(e)), Pow(c + e*e, e2), ...), and whose size is bounded so that
/// values and derivatives stay moderate. Kinks (Abs, Min, Max, Sign, Floor, Ceiling, comparisons) are
/// allowed anywhere: the interpreter's branch signature keeps finite differences off them.
/// </summary>
/// <remarks>
/// Reads may repeat a subexpression (<see cref="ShareSubexpressions"/>), so that derivatives meet primal values
/// shared by common-subexpression elimination; numbers include 0, -0, 2 and 3, which hit the folding rules.
/// </remarks>
internal sealed class ExpressionGenerator
{
    private static readonly double[] NiceNumbers = { 0.5, 1.5, 2.5, 3.5, 0.25, -0.75, 1.0, 0.1, -1.5, 0.3, 0.0, 2.0, 3.0, -0.0 };

    private readonly Random _random;
    private int _offsets;

    public ExpressionGenerator(Random random) => _random = random;

    /// <summary>Whether reads may repeat a subexpression; off only to shrink a failing program by hand.</summary>
    public bool ShareSubexpressions { get; init; } = true;

    public Expr Next(Scope scope, int depth)
    {
        if (depth <= 0 || _random.NextDouble() < 0.25) return Fresh(Leaf(scope));
        switch (_random.Next(10))
        {
            case 0:
            case 1:
            case 2:
            {
                char op = "+-*"[_random.Next(3)];
                Expr left = Next(scope, depth - 1), right = Next(scope, depth - 1);
                // 'e + e' is folded to '2 * e', a node the derivative rules also build (see the remarks).
                if (op == '+' && left == right) right = Fresh(right);
                return new Binary(op, left, right);
            }
            case 3:
                return new Binary('/', Next(scope, depth - 1), PositiveOrNegativeAwayFromZero(scope, depth - 1));
            case 4:
                return new Negate(Next(scope, depth - 1));
            case 5:
                return new Conditional(Condition(scope, depth - 1), Next(scope, depth - 1), Next(scope, depth - 1));
            default:
                return Function(scope, depth - 1);
        }
    }

    public Condition Condition(Scope scope, int depth)
    {
        int roll = _random.Next(10);
        if (roll == 0 && depth > 0) return new Not(Condition(scope, depth - 1));
        if (roll == 1 && depth > 0) return new Logical(_random.Next(2) == 0 ? "&&" : "||", Condition(scope, depth - 1), Condition(scope, depth - 1));
        string[] ops = { "<", "<=", ">", ">=", "<", ">", "!=", "==" };
        var right = _random.Next(2) == 0 ? Number() : Next(scope, Math.Min(depth, 1));
        return new Comparison(ops[_random.Next(ops.Length)], Next(scope, Math.Min(depth, 1)), right);
    }

    /// <summary>A number, preferring round values so that the printed source stays readable.</summary>
    public Number Number()
    {
        if (_random.Next(3) != 0) return new Number(NiceNumbers[_random.Next(NiceNumbers.Length)]);
        double value = Math.Round(_random.NextDouble() * 4 - 2, 2);
        // Not 0 (signed-zero folding) nor a rule constant (shared subexpressions): see the remarks.
        return new Number(value == 0 || Math.Abs(value) == 2 || Math.Abs(value) == 1 ? value + 0.01 : value);
    }

    /// <summary>The expression made a node of its own by an offset, unless subexpressions may be shared (see the remarks).</summary>
    public Expr Fresh(Expr expression) => ShareSubexpressions || expression is Number ? expression : new Binary('+', expression, new Number(Offset()));

    /// <summary>A number used nowhere else in the program, and no constant of a derivative rule.</summary>
    private double Offset() => Math.Round(0.0101 + 0.0007 * _offsets++, 4);

    /// <summary>A condition of an if statement: every comparison depends on an input (constant ones hit a bug).</summary>
    public Condition InputDependentCondition(Scope scope, int depth) =>
        _random.Next(5) == 0 ? Condition(scope, depth) : InputDependent(Condition(scope, depth), scope);

    // Bug: an if whose condition is constant ('if (2.0 > 1.0)', or 'double a = 2.0; if (a > 1.0)') is emitted as
    // 'if (1.0)', which does not compile (CS0029). A comparison with an input on the left cannot be folded.
    private Condition InputDependent(Condition condition, Scope scope) => condition switch
    {
        Comparison c when !ReadsInput(c.Left) => c with { Left = new Binary('+', c.Left, Fresh(new StateRef(_random.Next(scope.StateSize)))) },
        Logical l => new Logical(l.Op, InputDependent(l.Left, scope), InputDependent(l.Right, scope)),
        Not n => new Not(InputDependent(n.Operand, scope)),
        _ => condition,
    };

    private static bool ReadsInput(Expr expression) => expression switch
    {
        StateRef or ParameterRef or TimeRef or ElementRef => true,
        Negate n => ReadsInput(n.Operand),
        Binary b => ReadsInput(b.Left) || ReadsInput(b.Right),
        MathCall c => c.Arguments.Any(ReadsInput),
        Conditional c => ReadsInput(c.WhenTrue) && ReadsInput(c.WhenFalse),
        _ => false,
    };

    private Expr Leaf(Scope scope)
    {
        while (true)
        {
            switch (_random.Next(12))
            {
                case 0:
                case 1:
                case 2:
                case 3:
                    // Only loop programs have a LoopLeaf: straight-line programs draw no extra number here.
                    if (scope.LoopLeaf is not null && _random.Next(3) != 0) return scope.LoopLeaf();
                    if (scope.Indices.Count > 0 && _random.Next(3) == 0)
                    {
                        var (name, value) = scope.Indices.ElementAt(_random.Next(scope.Indices.Count));
                        return new StateRef(value, name);
                    }
                    return new StateRef(_random.Next(scope.StateSize));
                case 4:
                case 5:
                    if (scope.ParameterSize > 0) return new ParameterRef(_random.Next(scope.ParameterSize));
                    break;
                case 6:
                    return new TimeRef();
                case 7:
                    return Number();
                case 8:
                case 9:
                    if (scope.Locals.Count > 0) return new LocalRef(scope.Locals[_random.Next(scope.Locals.Count)]);
                    break;
                default:
                    if (scope.OutputsReadable && scope.AssignedOutputs.Count > 0) return new OutputRef(scope.AssignedOutputs.ElementAt(_random.Next(scope.AssignedOutputs.Count)));
                    break;
            }
        }
    }

    private Expr Function(Scope scope, int depth)
    {
        Expr E() => Next(scope, depth);
        switch (_random.Next(22))
        {
            case 0: return Call("Sin", E());
            case 1: return Call("Cos", E());
            case 2: return Call("Tan", Scaled(1.2, Bounded(scope, depth)));
            case 3: return Call("Asin", Scaled(0.9, Bounded(scope, depth)));
            case 4: return Call("Acos", Scaled(0.9, Bounded(scope, depth)));
            case 5: return Call("Atan", E());
            case 6: return _random.Next(2) == 0
                ? Call("Atan2", E(), AtLeast(scope, depth))
                : Call("Atan2", AtLeast(scope, depth), E());
            case 7: return Call("Sinh", Scaled(1.9, Bounded(scope, depth)));
            case 8: return Call("Cosh", Scaled(1.9, Bounded(scope, depth)));
            case 9: return Call("Tanh", E());
            case 10: return Call("Exp", Scaled(1.5, Bounded(scope, depth)));
            case 11: return Call("Log", AtLeast(scope, depth));
            case 12: return Call("Log10", AtLeast(scope, depth));
            case 13: return Call("Sqrt", AtLeast(scope, depth));
            // Cbrt is smooth away from 0; a negative argument exercises the odd branch.
            case 14: return Call("Cbrt", PositiveOrNegativeAwayFromZero(scope, depth));
            case 15:
                // A non-constant exponent needs a positive base; an integral constant one takes any base.
                return _random.Next(3) switch
                {
                    0 => Call("Pow", E(), new Number(_random.Next(2) == 0 ? 2.0 : 3.0)),
                    1 => Call("Pow", AtLeast(scope, depth), Scaled(1.9, Bounded(scope, depth))),
                    _ => Call("Pow", AtLeast(scope, depth), Number()),
                };
            case 16: return Call("Abs", E());
            case 17: return Call("Min", E(), E());
            case 18: return Call("Max", E(), E());
            case 19: return Call("Sign", E());
            case 20: return Call("Floor", E());
            default: return Call("Ceiling", E());
        }
    }

    private MathCall Call(string function, params Expr[] arguments) => new(function, arguments.Select(Fresh).ToArray());

    private static Expr Scaled(double factor, Expr bounded) => new Binary('*', new Number(factor), bounded);

    /// <summary>An expression in [-1, 1].</summary>
    private Expr Bounded(Scope scope, int depth) => Call(_random.Next(3) switch { 0 => "Sin", 1 => "Cos", _ => "Tanh" }, Next(scope, depth));

    /// <summary>An expression at least a positive constant: c + e*e or c + Sin(e) with c &gt; 1.</summary>
    private Expr AtLeast(Scope scope, int depth)
    {
        var e = Next(scope, Math.Min(depth, 1));
        // A square of a fresh node, which no derivative rule builds (see the remarks).
        if (!ShareSubexpressions) e = new Binary('+', e, new Number(Offset()));
        double c = _random.Next(3) switch { 0 => 0.5, 1 => 1.5, _ => 2.5 };
        return _random.Next(2) == 0
            ? new Binary('+', new Number(c), new Binary('*', e, e))
            : new Binary('+', new Number(c + 1), Call("Sin", e));
    }

    public Expr PositiveOrNegativeAwayFromZero(Scope scope, int depth)
    {
        var positive = AtLeast(scope, depth);
        return _random.Next(3) == 0 ? new Negate(positive) : positive;
    }
}
