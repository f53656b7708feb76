using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// The loop family's statements, evaluated as C# does: loops in order, int arithmetic with C#'s truncating
/// / and %, stackalloc spans zeroed, views sharing their source's storage (a store through a view changes
/// what the span it slices reads), and 'x op= v' as 'x = x op v'. Int comparisons are not recorded in the
/// signature: they come out the same at every point.
/// </summary>
internal sealed partial class ProgramInterpreter
{
    // Every span by name (y, p, dy, scratch spans and views): its storage and where it starts in it.
    private readonly Dictionary<string, (double[] Storage, int Offset)> _spans = new();
    // Per scratch span's storage: plain stores per element (-1 once accumulated into), and whether it was read.
    private readonly Dictionary<double[], (string Name, int[] Stores, bool Read)> _uses = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// How each scratch span was used in a run at (t, y, p): whether every element got exactly one plain store
    /// and no accumulation (the spans the reverse sweep may read back), and whether anything read it.
    /// </summary>
    public static IReadOnlyList<(string Span, bool WrittenOnce, bool Read)> ScratchUses(DynamicsProgram program, double t, double[] y, double[] p)
    {
        var interpreter = new ProgramInterpreter(t, y, p, program.StateSize);
        interpreter.Statements(program.Body);
        return interpreter._uses.Values.Select(u => (u.Name, u.Stores.All(n => n == 1), u.Read)).ToList();
    }

    private void LoopStatement(Statement statement)
    {
        switch (statement)
        {
            case For f:
                int from = Int(f.From), bound = Int(f.Bound);
                for (int i = from; f.Inclusive ? i <= bound : i < bound; i++)
                {
                    _indices[f.Index] = i;
                    Statements(f.Body);
                }
                _indices.Remove(f.Index);
                break;
            case DeclareSpan d:
                var storage = new double[d.Length];
                _spans[d.Name] = (storage, 0);
                _uses[storage] = (d.Name, new int[d.Length], false);
                break;
            case DeclareView v:
                var (source, offset) = _spans[v.Source];
                _spans[v.Name] = (source, offset + v.Offset);
                break;
            case StoreElement s:
                var (target, start) = _spans[s.Span];
                int index = start + Int(s.Index);
                // C# reads the element of 'h[i] += v' before it evaluates v.
                double current = target[index];
                target[index] = Combine(s.Op, current, Evaluate(s.Value));
                if (_uses.TryGetValue(target, out var use)) use.Stores[index] = s.Op == "=" && use.Stores[index] >= 0 ? use.Stores[index] + 1 : -1;
                break;
            case DeclareInt d:
                _indices[d.Name] = Int(d.Value);
                break;
            case ElementWise e:
                ElementWiseCall(e);
                break;
            default:
                throw new System.ArgumentException("unknown statement " + statement);
        }
    }

    /// <summary>The same TensorPrimitives call: its vectorized functions round differently from System.Math.</summary>
    private void ElementWiseCall(ElementWise e)
    {
        var (source, sourceStart) = _spans[e.Source];
        var (target, targetStart) = _spans[e.Destination];
        if (_uses.TryGetValue(source, out var read)) _uses[source] = (read.Name, read.Stores, true);
        ReadOnlySpan<double> x = source.AsSpan(sourceStart + e.SourceOffset, e.Length);
        Span<double> destination = target.AsSpan(targetStart + e.DestinationOffset, e.Length);
        switch (e.Function)
        {
            case "Tanh": System.Numerics.Tensors.TensorPrimitives.Tanh(x, destination); break;
            case "Sigmoid": System.Numerics.Tensors.TensorPrimitives.Sigmoid(x, destination); break;
            case "Exp": System.Numerics.Tensors.TensorPrimitives.Exp(x, destination); break;
            case "Sin": System.Numerics.Tensors.TensorPrimitives.Sin(x, destination); break;
            case "Cos": System.Numerics.Tensors.TensorPrimitives.Cos(x, destination); break;
            default: throw new System.ArgumentException("unknown element-wise function " + e.Function);
        }
        if (!_uses.TryGetValue(target, out var use)) return;
        for (int i = 0; i < e.Length; i++)
        {
            int index = targetStart + e.DestinationOffset + i;
            use.Stores[index] = use.Stores[index] >= 0 ? use.Stores[index] + 1 : -1;
        }
    }

    private double Element(string span, IntExpr index)
    {
        var (storage, offset) = _spans[span];
        if (_uses.TryGetValue(storage, out var use)) _uses[storage] = (use.Name, use.Stores, true);
        return storage[offset + Int(index)];
    }

    private int Int(IntExpr expression)
    {
        switch (expression)
        {
            case IntConst c: return c.Value;
            case IntVar v: return _indices[v.Name];
            case IntBinary b:
                int left = Int(b.Left), right = Int(b.Right);
                return b.Op switch { '+' => left + right, '-' => left - right, '*' => left * right, '/' => left / right, _ => left % right };
            default:
                throw new System.ArgumentException("unknown int expression " + expression);
        }
    }

    private bool IntTest(IntComparison c)
    {
        int left = Int(c.Left), right = Int(c.Right);
        return c.Op switch
        {
            "<" => left < right,
            "<=" => left <= right,
            ">" => left > right,
            ">=" => left >= right,
            "==" => left == right,
            _ => left != right,
        };
    }
}
