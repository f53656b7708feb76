using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.Operations;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Parsing;

/// <summary>
/// The reductions <c>TensorPrimitives.Dot(x, y)</c> and <c>TensorPrimitives.Sum(x)</c>: a row of a matrix-vector product,
/// a total. Each becomes the loop <c>s = 0; for (i) s += x[i] * y[i]</c> (<see cref="ForStmt.Reduction"/>), which
/// differentiation treats like a user's loop: d(x·y) = dx·y + x·dy, and the cotangent s̄ flows to x̄[i] += s̄ y[i] and
/// ȳ[i] += s̄ x[i]. The generated per-copy code makes the call itself for the value, so it is the user's bit for bit.
/// </summary>
internal sealed partial class BodyParser
{
    private Value Reduction(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        string name = "TensorPrimitives." + method.Name;
        int arity = method.Name == "Dot" ? 2 : 1;
        if (invocation.Arguments.Length != arity || !invocation.Arguments.All(a => IsDoubleSpan(a.Parameter?.Type ?? a.Value.Type!)) || method.ReturnType.SpecialType != Microsoft.CodeAnalysis.SpecialType.System_Double)
        {
            UnsupportedTensorCall(invocation, name, "pass spans of doubles: TensorPrimitives.Dot(x, y) or TensorPrimitives.Sum(x)");
            return Value.Error;
        }
        int reported = _diagnostics.Count;
        var views = invocation.Arguments.Select(a => SpanArgument(a.Value)).ToList();
        if (views.Any(v => v is null))
        {
            if (_diagnostics.Count == reported)
                UnsupportedTensorCall(invocation, name, "pass spans of this method: stackalloc spans, or Slices of them, of y or of p");
            return Value.Error;
        }
        if (views.Any(v => v!.Array == Arrays.Derivative))
        {
            UnsupportedTensorCall(invocation, name, "'" + _signature.Derivative.Name + "' cannot be read: keep the values in a stackalloc span and pass that");
            return Value.Error;
        }
        var lengths = views.Select(v => v!.Length >= 0 ? v.Length : _arrays[v.Array].Length > 0 ? _arrays[v.Array].Length : -1).ToList();
        if (lengths.Any(l => l < 0))
        {
            UnsupportedTensorCall(invocation, name, "the spans need lengths known at compile time: pass stackalloc spans or Slices with constant lengths, or declare StateSize and ParameterSize on the attribute");
            return Value.Error;
        }
        if (lengths.Distinct().Count() > 1)
        {
            UnsupportedTensorCall(invocation, name, "the two spans have different lengths (" + lengths[0] + " and " + lengths[1] + "), for which TensorPrimitives.Dot throws: pass spans of one length");
            return Value.Error;
        }
        return ReductionLoop(invocation, views.Select(v => v!).ToList(), lengths[0]);
    }

    /// <summary>The loop that carries the sum from zero; returns its exit, the call's value.</summary>
    private Value ReductionLoop(IInvocationOperation invocation, List<View> views, int length)
    {
        HasLoops = true;
        string function = invocation.TargetMethod.Name;
        string hint = function == "Dot" ? "dot" : "sum";
        int zero = _graph.Const(0);
        int scope = _graph.NewScope();
        var statements = new List<Stmt>();
        _graph.Enter(scope, statements);
        int index = _graph.Defined(Op.LoopIndex, "i");
        int running = _graph.Defined(Op.Running, hint);
        _loops.Add(index);
        var element = Value.IntNode(index);
        var terms = new List<int>();
        for (int k = 0; k < views.Count; k++)
        {
            var loaded = LoadElement(new ElementReference(views[k].Array, AddInts(views[k].Offset, element, invocation), invocation, element, IndexText: ElementText(invocation.Arguments[k].Value)), invocation);
            if (loaded.Kind == ValueKind.Error)
            {
                _loops.RemoveAt(_loops.Count - 1);
                _graph.Exit();
                return Value.Error;
            }
            terms.Add(loaded.Node);
        }
        int term = terms.Count == 2 ? _graph.Emit(Op.Mul, terms[0], terms[1]) : terms[0];
        int next = _graph.Emit(Op.Add, running, term, name: hint);
        _loops.RemoveAt(_loops.Count - 1);
        _graph.Exit();

        int exit = _graph.Phi(hint);
        var call = new ReductionCall(function, views[0].Array, IntNode(views[0].Offset), views.Count > 1 ? views[1].Array : -1, views.Count > 1 ? IntNode(views[1].Offset) : -1, length, exit);
        var body = new Block(scope, statements.ToEquatableArray());
        _graph.Append(new ForStmt(index, _graph.IntConst(0), _graph.IntConst(length), body, new[] { new CarriedValue(running, zero, next, exit) }.ToEquatableArray(), Reduction: call));
        return Value.Double(exit);
    }
}
