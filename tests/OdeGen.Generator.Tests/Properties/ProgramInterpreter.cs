using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Evaluates a <see cref="DynamicsProgram"/> with C#'s semantics. Besides dy it returns the branch
/// signature: one entry per switch evaluated (comparison result, Min/Max choice, sign of an Abs
/// argument, value of Sign, Floor, Ceiling). Two points with equal signatures lie on the same smooth
/// piece, so a finite difference over them is valid.
/// </summary>
internal sealed partial class ProgramInterpreter
{
    private readonly double _t;
    private readonly double[] _y;
    private readonly double[] _p;
    private readonly double[] _dy;
    private readonly Dictionary<string, double> _locals = new();
    private readonly Dictionary<string, int> _indices = new();
    private readonly List<double> _signature = new();

    private ProgramInterpreter(double t, double[] y, double[] p, int stateSize)
    {
        _t = t;
        _y = y;
        _p = p;
        _dy = new double[stateSize];
        _spans["y"] = (y, 0);
        _spans["p"] = (p, 0);
        _spans["dy"] = (_dy, 0);
    }

    public static (double[] Dy, double[] Signature) Run(DynamicsProgram program, double t, double[] y, double[] p)
    {
        var interpreter = new ProgramInterpreter(t, y, p, program.StateSize);
        interpreter.Statements(program.Body);
        return (interpreter._dy, interpreter._signature.ToArray());
    }

    private void Statements(IEnumerable<Statement> statements)
    {
        foreach (var statement in statements) Statement(statement);
    }

    private void Statement(Statement statement)
    {
        switch (statement)
        {
            case DeclareLocal { Value: null }:
                break;
            case DeclareLocal d:
                _locals[d.Name] = Evaluate(d.Value!);
                break;
            case DeclareIndex d:
                _indices[d.Name] = d.Value;
                break;
            case AssignLocal a:
                _locals[a.Name] = Combine(a.Op, a.Op == "=" ? 0 : _locals[a.Name], Evaluate(a.Value));
                break;
            case AssignOutput a:
                _dy[a.Index] = Combine(a.Op, _dy[a.Index], Evaluate(a.Value));
                break;
            case IfElse i:
                Statements(Test(i.Test) ? i.Then : i.Else);
                break;
            default:
                LoopStatement(statement);
                break;
        }
    }

    private static double Combine(string op, double current, double value) => op switch
    {
        "=" => value,
        "+=" => current + value,
        "-=" => current - value,
        "*=" => current * value,
        "/=" => current / value,
        _ => throw new System.ArgumentException(op),
    };

    private double Evaluate(Expr expression)
    {
        switch (expression)
        {
            case Number n: return n.Value;
            case TimeRef: return _t;
            case StateRef s: return _y[s.IndexName is null ? s.Index : _indices[s.IndexName]];
            case ParameterRef r: return _p[r.Index];
            case OutputRef o: return _dy[o.Index];
            case LocalRef l: return _locals[l.Name];
            case Negate n: return -Evaluate(n.Operand);
            case Binary b:
            {
                double left = Evaluate(b.Left), right = Evaluate(b.Right);
                return b.Op switch { '+' => left + right, '-' => left - right, '*' => left * right, _ => left / right };
            }
            case Conditional c:
                return Test(c.Test) ? Evaluate(c.WhenTrue) : Evaluate(c.WhenFalse);
            case MathCall c:
                return Call(c.Function, c.Arguments.Select(Evaluate).ToArray());
            case ElementRef e:
                return Element(e.Span, e.Index);
            case IndexValue v:
                return Int(v.Index);
            default:
                throw new System.ArgumentException("unknown expression " + expression);
        }
    }

    private double Call(string function, double[] a)
    {
        switch (function)
        {
            case "Min": Record(a[0] <= a[1] ? 1 : 0); return System.Math.Min(a[0], a[1]);
            case "Max": Record(a[0] >= a[1] ? 1 : 0); return System.Math.Max(a[0], a[1]);
            case "Abs": Record(a[0] >= 0 ? 1 : 0); return System.Math.Abs(a[0]);
            case "Sign": return Record(System.Math.Sign(a[0]));
            case "Floor": return Record(System.Math.Floor(a[0]));
            case "Ceiling": return Record(System.Math.Ceiling(a[0]));
        }
        return function switch
        {
            "Sin" => System.Math.Sin(a[0]),
            "Cos" => System.Math.Cos(a[0]),
            "Tan" => System.Math.Tan(a[0]),
            "Asin" => System.Math.Asin(a[0]),
            "Acos" => System.Math.Acos(a[0]),
            "Atan" => System.Math.Atan(a[0]),
            "Sinh" => System.Math.Sinh(a[0]),
            "Cosh" => System.Math.Cosh(a[0]),
            "Tanh" => System.Math.Tanh(a[0]),
            "Exp" => System.Math.Exp(a[0]),
            "Log" => System.Math.Log(a[0]),
            "Log10" => System.Math.Log10(a[0]),
            "Sqrt" => System.Math.Sqrt(a[0]),
            "Cbrt" => System.Math.Cbrt(a[0]),
            "Pow" => System.Math.Pow(a[0], a[1]),
            "Atan2" => System.Math.Atan2(a[0], a[1]),
            _ => throw new System.ArgumentException("unknown function " + function),
        };
    }

    private bool Test(Condition condition)
    {
        switch (condition)
        {
            case Comparison c:
            {
                double left = Evaluate(c.Left), right = Evaluate(c.Right);
                bool result = c.Op switch
                {
                    "<" => left < right,
                    "<=" => left <= right,
                    ">" => left > right,
                    ">=" => left >= right,
                    "==" => left == right,
                    _ => left != right,
                };
                Record(result ? 1 : 0);
                return result;
            }
            case Logical { Op: "&&" } l:
                return Test(l.Left) && Test(l.Right);
            case Logical l:
                return Test(l.Left) || Test(l.Right);
            case Not n:
                return !Test(n.Operand);
            case IntComparison c:
                return IntTest(c);
            default:
                throw new System.ArgumentException("unknown condition " + condition);
        }
    }

    private double Record(double value)
    {
        _signature.Add(value);
        return value;
    }
}
