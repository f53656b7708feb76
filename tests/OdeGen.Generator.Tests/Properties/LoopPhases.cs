using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// The phases that fill a scratch span before anything reads it (ODE0017): a map over its elements, a store
/// at i % n from a loop longer than the span, an MLP-like layer, pairwise sums with <c>if (j != i)</c> or a
/// triangular inner loop, sums accumulated into the elements, and an element-wise TensorPrimitives call. Half the spans are then overwritten (a
/// second loop, a loop accumulating into them, a store at the top level, a conditional store), so that both
/// the spans whose stored values the reverse sweep may read back (every element written once, by a plain
/// store) and the spans where it must not are exercised; the values stored first often also reach the
/// outputs another way (a running total), so a wrong read-back changes the VJP.
/// </summary>
internal sealed partial class LoopProgramGenerator
{
    private void Phase()
    {
        // Often the span the previous phase filled, as layers chain.
        var (source, sourceLength) = _readable[_random.Next(2) == 0 ? _readable.Count - 1 : _random.Next(_readable.Count)];
        int kind = _random.Next(8);
        if (kind is 3 or 6 && !_hasParameters) kind = 0;
        int rows = 2 + _random.Next(2), columns = 2 + _random.Next(2);
        int length = kind switch { 4 => sourceLength, 6 => rows * columns, _ => 2 + _random.Next(5) };
        string span = Name("h");
        Emit(new DeclareSpan(span, length));
        // Where StoreValue also sends the values stored: a running total (s += a * f) or a companion span
        // (g[i] = a * f) that Readouts reads.
        string? total = _random.Next(3) != 0 ? null
            : _random.Next(2) == 0 ? DeclareAccumulator(new Number(0.0)) : Companion(length);
        switch (kind)
        {
            case 0 or 1: Map(span, length, total); break;
            case 2: Modular(span, length, total); break;
            case 3: Layer(span, length, source, sourceLength, total); break;
            case 4: Pairwise(span, source, sourceLength, total); break;
            case 6: Grid(span, rows, columns, source, sourceLength, total); break;
            case 7: ElementWise(span, length, source, sourceLength); break;
            default: Accumulated(span, length, source, sourceLength); break;
        }
        if (total is not null && _carried.Contains(total))
        {
            Release(total);
            _totals.Add(total);
        }
        if (_random.Next(2) == 0) Overwrite(span, length);
        _readable.Add((span, length));
        _scratch.Add((span, length));
        if (length >= 3 && _random.Next(4) == 0) _views[View(span, 1, length - 1)] = span;
    }

    /// <summary>
    /// Reads every element of most spans that nothing has read yet into a running total (a readout), so that
    /// what was stored into them, overwritten or not, reaches the outputs.
    /// </summary>
    private void Readouts()
    {
        var read = _frames[0].Statements.SelectMany(s => ProgramFacts.Reads(s)).Select(n => _views.TryGetValue(n, out var span) ? span : n).ToHashSet();
        foreach (var (span, length) in _scratch.Where(s => !read.Contains(s.Name)).ToList())
        {
            if (_random.Next(4) == 0) continue;
            string total = DeclareAccumulator(new Number(0.0));
            ForEach(length, i => Emit(new AssignLocal(total, "+=", new Binary('*', new ElementRef(span, i), Factor()))));
            Release(total);
            _totals.Add(total);
        }
    }

    private string Companion(int length)
    {
        string name = Name("g");
        Emit(new DeclareSpan(name, length));
        _scratch.Add((name, length));
        return name;
    }

    /// <summary>
    /// Stores a value into span[index]; sometimes through a local that a running total (or a companion span)
    /// also receives, so that the value stored here matters even after the element is overwritten.
    /// </summary>
    private void StoreValue(string span, IntExpr index, Expr value, string? total)
    {
        if (total is null || _random.Next(4) == 0)
        {
            Emit(Store(span, index, "=", value));
            return;
        }
        string local = DeclareDouble(value);
        // A running total often sums squares, like an L2 penalty: a * a is also the node tanh' = 1 - a * a builds.
        var factor = _carried.Contains(total) && _random.Next(3) == 0 ? new LocalRef(local) : Factor();
        var store = Store(span, index, "=", new LocalRef(local));
        var term = new Binary('*', new LocalRef(local), factor);
        Statement accumulate = _carried.Contains(total) ? new AssignLocal(total, _random.Next(3) == 0 ? "-=" : "+=", term) : Store(total, index, "=", term);
        bool storeFirst = _random.Next(2) == 0;
        Emit(storeFirst ? store : accumulate);
        Emit(storeFirst ? accumulate : store);
    }

    /// <summary><c>h[i] = f(…)</c> for every i, sometimes in both branches of an if.</summary>
    private void Map(string span, int length, string? total) => ForEach(length, position =>
    {
        Extras(2);
        if (_random.Next(3) != 0)
        {
            StoreValue(span, position, Activation(Value(2)), total);
            return;
        }
        var test = LoopCondition();
        var whenTrue = Branch(() => StoreValue(span, position, Activation(Value(2)), total));
        var whenFalse = Branch(() => StoreValue(span, position, Activation(Value(2)), total));
        Emit(new IfElse(test, whenTrue, whenFalse));
    });

    /// <summary><c>for (i &lt; n + r) h[i % n] = …</c>: the first r elements are written twice, the last store wins.</summary>
    private void Modular(string span, int length, string? total)
    {
        string name = LoopNames[_index.Depth];
        Loop(name, new IntConst(0), new IntConst(length + 1 + _random.Next(length)), inclusive: false, () =>
        {
            Extras(1);
            StoreValue(span, new IntBinary('%', new IntVar(name), new IntConst(length)), Activation(Value(2)), total);
        });
    }

    /// <summary><c>s = b[i]; for j: s += W[i * k + j] * x[j]; h[i] = act(s)</c>, the weights in p or a view of it.</summary>
    private void Layer(string span, int length, string source, int sourceLength, string? total) => ForEach(length, row =>
    {
        Extras(1);
        string sum = Dot(row, source, sourceLength, length);
        if (_random.Next(4) == 0) Emit(new AssignLocal(sum, _random.Next(2) == 0 ? "*=" : "+=", Value(1)));
        StoreValue(span, row, Activation(new LocalRef(sum)), total);
    });

    /// <summary>A layer whose outputs form a grid: three nested loops, and the element index <c>i * columns + j</c>.</summary>
    private void Grid(string span, int rows, int columns, string source, int sourceLength, string? total) => ForEach(rows, i => ForEach(columns, j =>
    {
        var cell = new IntBinary('+', new IntBinary('*', i, new IntConst(columns)), j);
        string sum = Dot(cell, source, sourceLength, rows * columns);
        StoreValue(span, cell, Activation(new LocalRef(sum)), total);
    }));

    /// <summary>
    /// Declares <c>s = b[row]</c> and emits <c>for j: s += W[row * k + j] * x[j]</c> over fresh parameters (a
    /// view of them, or p at an offset; the index sometimes an int local), some terms behind a condition.
    /// </summary>
    private string Dot(IntExpr row, string source, int sourceLength, int rows)
    {
        int weights = Allocate(rows * sourceLength), biases = Allocate(rows);
        string? view = null;
        if (_random.Next(2) == 0)
        {
            view = Name("v");
            // At the top level, just before the loop being generated (a loop is emitted once its body is complete).
            _frames[0].Statements.Add(new DeclareView(view, "p", weights, rows * sourceLength, Writable: false));
        }
        Expr bias = new ElementRef("p", new IntBinary('+', new IntConst(biases), row));
        string sum = DeclareAccumulator(_random.Next(3) == 0 ? new Binary('+', bias, Value(1)) : bias);
        ForEach(sourceLength, column =>
        {
            IntExpr index = new IntBinary('+', new IntBinary('*', row, new IntConst(sourceLength)), column);
            if (_random.Next(3) == 0)
            {
                string name = Name("n");
                Emit(new DeclareInt(name, index));
                _index.Define(name, index);
                index = new IntVar(name);
            }
            Expr weight = view is null ? new ElementRef("p", new IntBinary('+', new IntConst(weights), index)) : new ElementRef(view, index);
            var term = new Binary('*', weight, new ElementRef(source, column));
            if (_random.Next(4) != 0)
            {
                Emit(new AssignLocal(sum, _random.Next(5) == 0 ? "-=" : "+=", term));
                return;
            }
            var test = LoopCondition();
            var whenTrue = new List<Statement> { new AssignLocal(sum, "+=", term) };
            var whenFalse = _random.Next(2) == 0 ? new List<Statement>() : new List<Statement> { new AssignLocal(sum, "-=", Factor()) };
            Emit(new IfElse(test, whenTrue, whenFalse));
        });
        Release(sum);
        return sum;
    }

    /// <summary>
    /// <c>acc = …; for j: if (j != i) acc += (x[j] - x[i]) * …; h[i] = acc</c>, as in an n-body force, or
    /// with a triangular inner loop <c>for (j = 0; j &lt; i; j++)</c>, or a condition on values.
    /// </summary>
    private void Pairwise(string span, string source, int length, string? total) => ForEach(length, i =>
    {
        Extras(1);
        string sum = DeclareAccumulator(_random.Next(2) == 0 ? new Number(0.0) : Value(1));
        Expr Term(IntExpr j) => new Binary('*', new Binary('-', new ElementRef(source, j), new ElementRef(source, i)), Factor());
        if (_random.Next(3) == 0)
        {
            string name = LoopNames[_index.Depth];
            Loop(name, new IntConst(0), i, inclusive: _random.Next(2) == 0, () => Emit(new AssignLocal(sum, "+=", Term(new IntVar(name)))));
        }
        else
        {
            ForEach(length, j =>
            {
                Condition test = _random.Next(3) != 0
                    ? new IntComparison("!=", j, i)
                    : new Comparison(">", new ElementRef(source, j), new ElementRef(source, i));
                var whenFalse = _random.Next(3) == 0 ? new List<Statement> { new AssignLocal(sum, "-=", Factor()) } : new List<Statement>();
                Emit(new IfElse(test, new List<Statement> { new AssignLocal(sum, "+=", Term(j)) }, whenFalse));
            });
        }
        Release(sum);
        StoreValue(span, i, _random.Next(2) == 0 ? new LocalRef(sum) : Activation(new LocalRef(sum)), total);
    });

    /// <summary><c>for i: for j: h[i] += w * x[j]</c> into the zeroed span: no element gets a plain store.</summary>
    private void Accumulated(string span, int length, string source, int sourceLength) => ForEach(length, row =>
        ForEach(sourceLength, column =>
        {
            Expr weight = _hasParameters ? new ElementRef("p", new IntConst(Allocate(1))) : Value(1);
            Emit(Store(span, row, _random.Next(4) == 0 ? "-=" : "+=", new Binary('*', weight, new ElementRef(source, column))));
        }));

    /// <summary>
    /// <c>TensorPrimitives.Tanh(source.Slice(a, n), h.Slice(b, n))</c> (or Sigmoid, Exp, Sin, Cos): the generated code must make
    /// the same call, whose values differ from System.Math's in the last bits, and differentiate its loop.
    /// </summary>
    private void ElementWise(string span, int length, string source, int sourceLength)
    {
        int count = 1 + _random.Next(System.Math.Min(length, sourceLength));
        string function = new[] { "Tanh", "Tanh", "Sigmoid", "Exp", "Sin", "Cos" }[_random.Next(6)];
        Emit(new ElementWise(function, source, _random.Next(sourceLength - count + 1), span, _random.Next(length - count + 1), count));
    }

    /// <summary>Writes the span again before it is read.</summary>
    private void Overwrite(string span, int length)
    {
        switch (_random.Next(4))
        {
            case 0:
                if (_random.Next(2) == 0)
                {
                    // Through a writable view: the same elements under another name.
                    string view = Name("v");
                    Emit(new DeclareView(view, span, 1, length - 1, Writable: true));
                    ForEach(length - 1, i =>
                    {
                        Extras(1);
                        Emit(Store(view, i, "=", Activation(Value(2))));
                    });
                }
                else
                {
                    ForEach(length, i =>
                    {
                        Extras(1);
                        Emit(Store(span, i, "=", Activation(Value(2))));
                    });
                }
                break;
            case 1:
                ForEach(length, i =>
                {
                    Extras(1);
                    Emit(Store(span, _random.Next(2) == 0 ? i : _index.Into(length), _random.Next(3) == 0 ? "-=" : "+=", Value(2)));
                });
                break;
            case 2:
                Emit(Store(span, new IntConst(_random.Next(length)), _random.Next(2) == 0 ? "=" : "+=", Activation(Value(2))));
                break;
            default:
                // Some elements overwritten, depending on the iteration or on values.
                ForEach(length, i =>
                {
                    var test = LoopCondition();
                    var store = new List<Statement> { Store(span, i, "=", Activation(Value(2))) };
                    // In either branch: a store that may or may not happen joins the element's dependencies.
                    Emit(_random.Next(2) == 0
                        ? new IfElse(test, store, new List<Statement>())
                        : new IfElse(test, new List<Statement>(), store));
                });
                break;
        }
    }
}
