using System;
using System.Collections.Generic;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Differentiation;

/// <summary>
/// Forward mode over a derivative program (a VJP), for second-order products: besides the primal statements it
/// meets the statements reverse mode writes. A store into an output span stores the value's tangent into the
/// tangent output instead (wJy into hy, wJp into hp, dy into jv); the cotangent seed w is constant; a value read
/// back from memory has the tangent read back from the tangent array; an accumulator gets a tangent accumulator.
/// </summary>
internal sealed partial class ForwardMode
{
    /// <summary>What linearizing a derivative program needs beyond a primal one's.</summary>
    private sealed class DerivativeOptions
    {
        public DerivativeOptions(IReadOnlyDictionary<OutputSpan, OutputSpan> tangentSpans, ISet<int> activeAccumulators, int accumulatorOffset)
        {
            TangentSpans = tangentSpans;
            ActiveAccumulators = activeAccumulators;
            AccumulatorOffset = accumulatorOffset;
        }

        public IReadOnlyDictionary<OutputSpan, OutputSpan> TangentSpans { get; }

        /// <summary>The accumulators that add a non-zero tangent somewhere: only these get a tangent accumulator.</summary>
        public ISet<int> ActiveAccumulators { get; }

        /// <summary>Accumulator a's tangent is accumulator a + offset (past every accumulator of the program).</summary>
        public int AccumulatorOffset { get; }

        public HashSet<int> MissingAccumulators { get; } = new();
    }

    private DerivativeOptions? _derivative;

    /// <summary>
    /// Linearizes the derivative program <paramref name="body"/>, storing tangents into the spans
    /// <paramref name="tangentSpans"/> maps the outputs to. Returns the statements, the scratch arrays that need a
    /// tangent array and the accumulators that need a tangent accumulator: the caller adds them and runs again.
    /// </summary>
    public static (List<Stmt> Body, HashSet<int> MissingTangentArrays, HashSet<int> MissingAccumulators) LinearizeDerivative(
        GraphBuilder g, Block body, Func<Node, SortedDictionary<int, int>?> seed, Func<string, int, string> tangentName,
        IReadOnlyDictionary<int, int> tangentArrays, IReadOnlyDictionary<OutputSpan, OutputSpan> tangentSpans,
        ISet<int> activeAccumulators, int accumulatorOffset)
    {
        var mode = new ForwardMode(g, seed, tangentName, tangentArrays)
        {
            _derivative = new DerivativeOptions(tangentSpans, activeAccumulators, accumulatorOffset),
        };
        var statements = new List<Stmt>();
        g.Enter(0, statements);
        mode.Block(body);
        g.Exit();
        return (statements, mode.MissingTangentArrays, mode._derivative.MissingAccumulators);
    }

    private void DerivativeStatement(Stmt statement)
    {
        var options = _derivative!;
        switch (statement)
        {
            case StoreStmt store:
                // The output's own value is not wanted, only its tangent.
                if (!options.TangentSpans.TryGetValue(store.Target, out var target))
                    throw new InvalidOperationException("Forward mode has no tangent output for " + store.Target);
                _g.Append(new StoreStmt(target, store.Index, TangentOf(store.Node).TryGetValue(0, out int value) ? value : _g.Const(0)));
                break;
            case ArrayCopyStmt copy:
                _g.Append(copy);
                // The copy of the constant seed w has a zero tangent, as its tangent array was declared.
                if (_tangentArrays.TryGetValue(copy.From, out int from) && _tangentArrays.TryGetValue(copy.To, out int to))
                    _g.Append(new ArrayCopyStmt(from, to));
                break;
            case RestoreStmt restore:
                _g.Append(restore);
                // The forward sweep stored the value's tangent beside it, and nothing overwrote either.
                if (_tangentArrays.TryGetValue(restore.Array, out int tangentArray))
                    _tangents[restore.Node] = new SortedDictionary<int, int> { [0] = _g.Load(tangentArray, restore.Index) };
                else
                    _tangents.Remove(restore.Node);
                break;
            case AccumulatorDeclaration declaration:
                _g.Append(declaration);
                if (options.ActiveAccumulators.Contains(declaration.Accumulator))
                {
                    int initial = declaration.Initial >= 0 && TangentOf(declaration.Initial).TryGetValue(0, out int t) ? t : -1;
                    _g.Append(new AccumulatorDeclaration(declaration.Accumulator + options.AccumulatorOffset, initial, _tangentName(declaration.Name, 0)));
                }
                break;
            case AccumulateStmt add:
                _g.Append(add);
                if (!TangentOf(add.Node).TryGetValue(0, out int term)) break;
                if (options.ActiveAccumulators.Contains(add.Accumulator)) _g.Append(new AccumulateStmt(add.Accumulator + options.AccumulatorOffset, term));
                else options.MissingAccumulators.Add(add.Accumulator);
                break;
            case ReturnStmt:
                // The time cotangent has no place in a second-order product.
                break;
        }
    }

    private SortedDictionary<int, int> AccumulatorTangent(Node accumulator)
    {
        var options = _derivative!;
        if (!options.ActiveAccumulators.Contains(accumulator.Index)) return new SortedDictionary<int, int>();
        return new SortedDictionary<int, int>
        {
            [0] = _g.AccumulatorValue(accumulator.Index + options.AccumulatorOffset, _tangentName(accumulator.Name ?? "accumulator", 0)),
        };
    }
}
