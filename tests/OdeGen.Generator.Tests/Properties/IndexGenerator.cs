using System;
using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Random int index expressions over the loop variables and int locals in scope (<c>i</c>, <c>(i + 1) % 4</c>,
/// <c>(3 - j)</c>, <c>(i * 3 + j) % 5</c>, <c>i / 2</c>). An index is kept only if it lies inside the span for
/// every iteration of the enclosing loops, which is checked by running through all of them: the loops are
/// short, and this stays right however the bounds depend on outer indices.
/// </summary>
internal sealed class IndexGenerator
{
    private readonly Random _random;
    private readonly List<(string Name, IntExpr From, IntExpr Bound, bool Inclusive)> _loops = new();
    // Int locals and const ints: their definitions, evaluated in each iteration's environment; per loop level.
    private readonly List<Dictionary<string, IntExpr>> _ints = new() { new Dictionary<string, IntExpr>() };

    public IndexGenerator(Random random) => _random = random;

    public int Depth => _loops.Count;

    /// <summary>The loop variables, innermost last.</summary>
    public IReadOnlyList<string> LoopVariables => _loops.Select(l => l.Name).ToList();

    /// <summary>Loop variables and the int locals declared inside loops: what an index may be built from.</summary>
    public IReadOnlyList<string> Variables => LoopVariables.Concat(_ints.Skip(1).SelectMany(d => d.Keys)).ToList();

    public void Enter(string name, IntExpr from, IntExpr bound, bool inclusive)
    {
        _loops.Add((name, from, bound, inclusive));
        _ints.Add(new Dictionary<string, IntExpr>());
    }

    public void Exit()
    {
        _loops.RemoveAt(_loops.Count - 1);
        _ints.RemoveAt(_ints.Count - 1);
    }

    /// <summary>An int local (or, outside loops, a const int) declared here.</summary>
    public void Define(string name, IntExpr value) => _ints[^1][name] = value;

    /// <summary>A random index into a span of <paramref name="length"/> elements, valid in every iteration.</summary>
    public IntExpr Into(int length)
    {
        var variables = Variables;
        if (variables.Count == 0 || _random.Next(8) == 0) return new IntConst(_random.Next(length));
        for (int attempt = 0; attempt < 8; attempt++)
        {
            var candidate = Candidate(variables, length);
            if (Valid(candidate, length)) return candidate;
        }
        var v = new IntVar(variables[_random.Next(variables.Count)]);
        var modulo = new IntBinary('%', v, new IntConst(length));
        return Valid(modulo, length) ? modulo : new IntConst(_random.Next(length));
    }

    private IntExpr Candidate(IReadOnlyList<string> variables, int length)
    {
        IntExpr V() => new IntVar(variables[_random.Next(variables.Count)]);
        var n = new IntConst(length);
        return _random.Next(9) switch
        {
            0 or 1 => V(),
            2 => new IntBinary('%', V(), n),
            3 => new IntBinary('%', new IntBinary('+', V(), new IntConst(1 + _random.Next(3))), n),
            4 => new IntBinary('-', new IntConst(length - 1), V()),
            5 => new IntBinary('/', V(), new IntConst(2)),
            6 => new IntBinary('%', new IntBinary('+', new IntBinary('*', V(), new IntConst(2 + _random.Next(2))), V()), n),
            7 => new IntBinary('%', new IntBinary('+', V(), V()), n),
            _ => new IntBinary(_random.Next(2) == 0 ? '-' : '+', V(), new IntConst(1)),
        };
    }

    /// <summary>Whether <paramref name="index"/> lies in [0, length) in every iteration of the enclosing loops.</summary>
    public bool Valid(IntExpr index, int length) => Environments().All(env => Evaluate(index, env) is int i && i >= 0 && i < length);

    /// <summary>Whether <paramref name="test"/> holds in some iteration and fails in another (an if that is not dead).</summary>
    public bool Varies(IntComparison test)
    {
        var outcomes = Environments().Select(env => Holds(test, env)).Distinct().Count();
        return outcomes == 2;
    }

    /// <summary>Every assignment of the loop variables that the enclosing loops run through.</summary>
    private IEnumerable<Dictionary<string, int>> Environments()
    {
        IEnumerable<Dictionary<string, int>> From(int level, Dictionary<string, int> env)
        {
            if (level == _loops.Count)
            {
                yield return env;
                yield break;
            }
            var (name, from, bound, inclusive) = _loops[level];
            if (Evaluate(from, env) is not int start || Evaluate(bound, env) is not int end) yield break;
            for (int i = start; inclusive ? i <= end : i < end; i++)
            {
                var inner = new Dictionary<string, int>(env) { [name] = i };
                foreach (var result in From(level + 1, inner)) yield return result;
            }
        }
        return From(0, new Dictionary<string, int>());
    }

    private bool Holds(IntComparison test, Dictionary<string, int> env)
    {
        int a = Evaluate(test.Left, env) ?? 0, b = Evaluate(test.Right, env) ?? 0;
        return test.Op switch { "<" => a < b, "<=" => a <= b, ">" => a > b, ">=" => a >= b, "==" => a == b, _ => a != b };
    }

    /// <summary>The value of an int expression as C# computes it, or null on a division by zero.</summary>
    private int? Evaluate(IntExpr expression, Dictionary<string, int> env)
    {
        switch (expression)
        {
            case IntConst c:
                return c.Value;
            case IntVar v when env.TryGetValue(v.Name, out int value):
                return value;
            case IntVar v:
                var definition = _ints.Select(d => d.TryGetValue(v.Name, out var e) ? e : null).LastOrDefault(e => e is not null)
                    ?? throw new ArgumentException("unknown int " + v.Name);
                return Evaluate(definition, env);
            case IntBinary b:
                if (Evaluate(b.Left, env) is not int left || Evaluate(b.Right, env) is not int right) return null;
                if ((b.Op == '/' || b.Op == '%') && right == 0) return null;
                return b.Op switch { '+' => left + right, '-' => left - right, '*' => left * right, '/' => left / right, _ => left % right };
            default:
                throw new ArgumentException("unknown int expression " + expression);
        }
    }
}
