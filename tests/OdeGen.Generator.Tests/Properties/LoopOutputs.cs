using System.Collections.Generic;
using System.Linq;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// The last part of a loop program: the outputs. Written by loops, every dy[i] first gets a plain store
/// (the caller's dy holds garbage), then some are stored again or accumulated into, at run-time or
/// constant indices, and dy is never read. Written at the top level, each output is assigned at a constant
/// index and may then be read back and reassigned, as in the straight-line family. Either way the running
/// totals of the phases are added to the outputs.
/// </summary>
internal sealed partial class LoopProgramGenerator
{
    private void OutputsInLoops()
    {
        var scratch = _readable.Where(r => r.Name[0] == 'h').ToList();
        if (_hasParameters && scratch.Count > 0 && _random.Next(2) == 0)
        {
            // The output layer of an MLP: dy[k] = b[k] + sum_i W[k, i] h[i].
            var (source, length) = scratch[_random.Next(scratch.Count)];
            ForEach(_stateSize, row =>
            {
                string sum = Dot(row, source, length, _stateSize);
                Expr value = _random.Next(2) == 0 ? new LocalRef(sum) : new Binary('-', new LocalRef(sum), new Binary('*', new Number(0.1), new ElementRef("y", row)));
                Emit(Store("dy", row, "=", value));
            });
        }
        else if (_stateSize >= 2 && _random.Next(3) == 0)
        {
            ForEach(_stateSize, Stencil);
        }
        else
        {
            ForEach(_stateSize, i =>
            {
                Extras(2);
                Emit(Store("dy", i, "=", Value(3)));
            }, bound: _stateBound);
        }

        foreach (string total in _totals) Emit(Store("dy", new IntConst(_random.Next(_stateSize)), "+=", new LocalRef(total)));
        for (int count = _random.Next(3); count > 0; count--)
        {
            switch (_random.Next(4))
            {
                case 0:
                    Emit(Store("dy", new IntConst(_random.Next(_stateSize)), "=", Value(2)));
                    break;
                case 1:
                    Emit(Store("dy", new IntConst(_random.Next(_stateSize)), _random.Next(2) == 0 ? "+=" : "-=", Value(2)));
                    break;
                case 2:
                    // Pairwise coupling, as gravity's accelerations: dy[i] += f(x[j]) for j != i.
                    var (source, length) = _readable[_random.Next(_readable.Count)];
                    ForEach(_stateSize, i => ForEach(length, j =>
                    {
                        Condition test = _random.Next(3) != 0 ? new IntComparison("!=", j, i) : LoopCondition();
                        Emit(new IfElse(test, new List<Statement> { Store("dy", i, "+=", new Binary('*', new ElementRef(source, j), Value(1))) }, new List<Statement>()));
                    }));
                    break;
                default:
                    ForEach(1 + _random.Next(6), i =>
                    {
                        Extras(1);
                        Emit(Store("dy", _index.Into(_stateSize), "-=", Value(2)));
                    });
                    break;
            }
        }
    }

    /// <summary>
    /// Reaction–diffusion by the method of lines: <c>left = i &gt; 0 ? y[i - 1] : y[i]</c>, the same on the right,
    /// <c>dy[i] = d * (left - 2 y[i] + right) + reaction</c>, zero-flux at the ends.
    /// </summary>
    private void Stencil(IntExpr i)
    {
        var here = new ElementRef("y", i);
        string left = DeclareDouble(new Conditional(new IntComparison(">", i, new IntConst(0)), new ElementRef("y", new IntBinary('-', i, new IntConst(1))), here));
        string right = DeclareDouble(new Conditional(new IntComparison("<", i, new IntConst(_stateSize - 1)), new ElementRef("y", new IntBinary('+', i, new IntConst(1))), here));
        var laplacian = new Binary('+', new Binary('-', new LocalRef(left), new Binary('*', new Number(2.0), here)), new LocalRef(right));
        Expr diffusion = _scalarParameters > 0 ? new ParameterRef(0) : new Number(0.3);
        var reaction = new Binary('*', here, new Binary('-', new Number(1.0), here));
        Emit(Store("dy", i, "=", new Binary('+', new Binary('*', diffusion, laplacian), new Binary('*', Value(1), reaction))));
    }

    private void OutputsAtTopLevel()
    {
        foreach (int index in Enumerable.Range(0, _stateSize).OrderBy(_ => _random.Next()).ToList())
        {
            Emit(new AssignOutput(index, "=", Value(3)));
            _assignedOutputs.Add(index);
        }
        foreach (string total in _totals) Emit(new AssignOutput(_random.Next(_stateSize), "+=", new LocalRef(total)));
        for (int count = _random.Next(3); count > 0; count--)
        {
            string op = new[] { "+=", "-=", "*=", "/=" }[_random.Next(4)];
            var operand = op == "/=" ? _expressions.PositiveOrNegativeAwayFromZero(Here(), 1) : Value(2);
            Emit(new AssignOutput(_random.Next(_stateSize), op, operand));
        }
    }
}
