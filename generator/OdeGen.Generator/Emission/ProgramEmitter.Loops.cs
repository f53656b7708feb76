using System.Collections.Generic;
using System.Linq;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Emission;

/// <summary>
/// Loops as written: the For header, carried variables, a TensorPrimitives call in place of its loop's values, and
/// the inputs read into locals before a loop.
/// </summary>
internal sealed partial class ProgramEmitter
{
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

    private void WriteFor(ForStmt loop, Liveness outer)
    {
        var carried = loop.Carried.Where(c => outer.LivePhis.Contains(c.Exit)).ToList();
        foreach (var value in carried)
        {
            string name = Define(value.Running);
            _nodeNames[value.Exit] = name;
            _w.Line((_lanes is null ? "double" : VectorOfDouble) + " " + name + " = " + LaneExpression(value.Initial) + ";");
        }
        if (loop.Call is { } call)
        {
            _w.Line("global::System.Numerics.Tensors.TensorPrimitives." + call.Function + "<double>(" + Elements(SpanOf(call.Source, call.SourceOffset, call.Length))
                + ", " + Elements(SpanOf(call.Destination, call.DestinationOffset, call.Length)) + ");");
            if (_liveness[BodyOf(loop)].LiveStatements.Count == 0) return;
        }
        string index = DefineLoopIndex(loop.LoopIndex);
        _openLoopIndices.Add(index);
        string from = Print(loop.From, 0), to = Print(loop.To, 0);
        if (loop.Reversed)
        {
            string last = N(loop.To).Op == Op.IntConst ? Literals.Int((int)N(loop.To).Value - 1) : to + " - 1";
            _w.Open("for (int " + index + " = " + last + "; " + index + " >= " + from + "; " + index + (loop.Step == 1 ? "--)" : " -= " + Literals.Int(loop.Step) + ")"));
        }
        else
        {
            _w.Open("for (int " + index + " = " + from + "; " + index + " < " + to + "; " + index + (loop.Step == 1 ? "++)" : " += " + Literals.Int(loop.Step) + ")"));
        }
        _rowIndexNames.Push(new List<string>());
        WriteBlock(BodyOf(loop), new HashSet<int>(carried.Select(c => c.Next)));
        _inlined.Push(InlinedIn(BodyOf(loop)));
        foreach (var value in carried)
        {
            if (value.Next == value.Running) continue;
            var next = N(value.Next);
            string name = _nodeNames[value.Running];
            bool inlineNext = !IsNamed(value.Next);
            int addend = inlineNext && next.Op == Op.Add ? next.A == value.Running ? next.B : next.B == value.Running ? next.A : -1 : -1;
            if (addend >= 0 && IsFusable(addend)) _w.Line(name + " = " + FusedMultiplyAdd(addend, name) + ";");
            else if (addend >= 0) _w.Line(name + " += " + LaneOperand(addend, 0) + ";");
            else if (inlineNext && next.Op == Op.Sub && next.A == value.Running) _w.Line(name + " -= " + LaneOperand(next.B, Additive + 1) + ";");
            else _w.Line(name + " = " + LaneExpression(value.Next) + ";");
        }
        _inlined.Pop();
        _w.Close();
        _openLoopIndices.Remove(index);
        _names.EndLoop(index);
        foreach (string row in _rowIndexNames.Pop())
        {
            _openLoopIndices.Remove(row);
            _names.EndLoop(row);
        }
    }

    private string DefineLoopIndex(int id)
    {
        // A loop written again (in a reverse sweep) keeps its index's name, unless a row index of an enclosing loop has it now.
        if (_nodeNames.TryGetValue(id, out var existing) && !_openLoopIndices.Contains(existing)) return existing;
        var node = N(id);
        string name = _names.AllocateLoopIndex(node.Name ?? "i", id < _userNodeCount && node.Name is not null, _openLoopIndices);
        _nodeNames[id] = name;
        return name;
    }

    /// <summary>A lane span as the doubles it holds, lane after lane, for a TensorPrimitives call over all of them at once.</summary>
    private string Elements(string span) => _lanes is null ? span : "global::OdeGen.Lanes.Elements(" + span + ")";

    /// <summary>A whole array by its name, a part of it as a Slice.</summary>
    private string SpanOf(int array, int offset, int length)
    {
        bool whole = N(offset).Op == Op.IntConst && N(offset).Value == 0 && _program.Arrays[array].Length == length;
        return whole ? WholeArray(array) : ArrayName(array) + ".Slice(" + Print(offset, 0) + ", " + Literals.Int(length) + ")";
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
            string span = InputSpan(node.Op);
            // w1 for w[1]; wAt1 when the user has a w1 (a number appended to w1 would read as another index).
            string hint = span + Literals.Int(node.Index);
            string name = _names.Allocate(_names.IsFree(hint) ? hint : span + "At" + Literals.Int(node.Index), isUserLocal: false);
            _w.Line(TypeOf(id) + " " + name + " = " + Render(id, node).Text + ";");
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
}
