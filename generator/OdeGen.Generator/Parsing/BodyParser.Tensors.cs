using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Ir;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Parsing;

/// <summary>
/// Element-wise <c>TensorPrimitives</c> calls, such as <c>TensorPrimitives.Tanh(s, h)</c>: vectorized, so many
/// times faster than a loop of <c>Math.Tanh</c>, but rounded differently. Such a call becomes a loop over the
/// elements (<see cref="ForStmt.Call"/>) that differentiation treats like any other; the generated code makes
/// the same call for the values, so that they are the user's bit for bit.
/// </summary>
internal sealed partial class BodyParser
{
    private const string TensorPrimitivesType = "System.Numerics.Tensors.TensorPrimitives";

    /// <summary>The element-wise functions of one span, with the operation computing one element.</summary>
    private static readonly Dictionary<string, Op> ElementWiseFunctions = new()
    {
        ["Tanh"] = Op.Tanh, ["Sigmoid"] = Op.Sigmoid, ["Exp"] = Op.Exp, ["Log"] = Op.Log, ["Sqrt"] = Op.Sqrt, ["Sin"] = Op.Sin, ["Cos"] = Op.Cos,
    };

    private const string ElementWiseAdvice =
        "the generator differentiates TensorPrimitives.Tanh, Sigmoid, Exp, Log, Sqrt, Sin and Cos of a span of doubles into another; write other operations as a for loop";

    private static bool IsTensorPrimitives(IMethodSymbol method) => method.ContainingType?.ToDisplayString() == TensorPrimitivesType;

    private void ElementWiseCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        string name = "TensorPrimitives." + method.Name;
        if (!ElementWiseFunctions.TryGetValue(method.Name, out var op) || invocation.Arguments.Length != 2
            || !invocation.Arguments.All(a => IsDoubleSpan(a.Parameter?.Type ?? a.Value.Type!)))
        {
            UnsupportedTensorCall(invocation, name, ElementWiseAdvice);
            return;
        }
        int reported = _diagnostics.Count;
        var source = SpanArgument(invocation.Arguments[0].Value);
        var destination = SpanArgument(invocation.Arguments[1].Value);
        if (source is null || destination is null)
        {
            // A Slice that could not be read has said why already.
            if (_diagnostics.Count == reported)
                UnsupportedTensorCall(invocation, name, "pass spans of this method: stackalloc spans, or Slices of them, of y or of p");
            return;
        }
        if (_arrays[destination.Array].Kind != ArrayKind.Scratch)
        {
            UnsupportedTensorCall(invocation, name, "write the result into a stackalloc span declared in this method, then copy it where it belongs in a loop");
            return;
        }
        if (source.Array == Arrays.Derivative)
        {
            UnsupportedTensorCall(invocation, name, "'" + _signature.Derivative.Name + "' cannot be read: keep the values in a stackalloc span and pass that");
            return;
        }
        // A whole y or p has the length declared on the attribute (0 when there is none).
        int length = source.Length >= 0 ? source.Length : _arrays[source.Array].Length > 0 ? _arrays[source.Array].Length : -1;
        if (length < 0 || destination.Length < 0)
        {
            UnsupportedTensorCall(invocation, name, "the spans need lengths known at compile time: pass stackalloc spans or Slices with constant lengths, or declare StateSize and ParameterSize on the attribute");
            return;
        }
        if (destination.Length < length)
        {
            UnsupportedTensorCall(invocation, name, "the destination is shorter than the source (" + destination.Length + " < " + length + "): pass a destination of length " + length);
            return;
        }
        if (source.Array == destination.Array)
        {
            // In place, the reverse sweep would no longer find the arguments: they were overwritten by the values.
            UnsupportedTensorCall(invocation, name, "the source and the destination are the same span: write into a second stackalloc span");
            return;
        }
        ElementWiseLoop(invocation, op, source, destination, length,
            ElementText(invocation.Arguments[0].Value), ElementText(invocation.Arguments[1].Value));
    }

    /// <summary>How the call's element i of a span argument indexes its array: <c>4 * k + i</c> for <c>a.Slice(4 * k, 4)</c>.</summary>
    private static string ElementText(IOperation argument)
    {
        while (argument is IConversionOperation conversion) argument = conversion.Operand;
        return argument is IInvocationOperation { TargetMethod.Name: "Slice" } slice ? slice.Arguments[0].Value.Syntax + " + i" : "i";
    }

    /// <summary>
    /// The loop <c>for (int i = 0; i &lt; length; i++) destination[i] = f(source[i])</c>. The destination index is
    /// made first, so that the reverse sweep can read element i back where f(source[i]) is defined.
    /// </summary>
    private void ElementWiseLoop(IInvocationOperation invocation, Op op, View source, View destination, int length, string sourceText, string destinationText)
    {
        HasLoops = true;
        int scope = _graph.NewScope();
        var statements = new List<Stmt>();
        _graph.Enter(scope, statements);
        int index = _graph.Defined(Op.LoopIndex, "i");
        _loops.Add(index);
        var element = Value.IntNode(index);
        var target = new ElementReference(destination.Array, AddInts(destination.Offset, element, invocation), invocation, element, IndexText: destinationText);
        IntNode(target.Index);
        var argument = LoadElement(new ElementReference(source.Array, AddInts(source.Offset, element, invocation), invocation, element, IndexText: sourceText), invocation);
        int value = _graph.Emit(op, argument.Node);
        StoreElement(target, Value.Double(value), accumulate: false, invocation);
        _loops.RemoveAt(_loops.Count - 1);
        _graph.Exit();

        Site(value, invocation);
        var call = new ElementWiseCall(invocation.TargetMethod.Name, source.Array, IntNode(source.Offset), destination.Array, IntNode(destination.Offset), length, value);
        var body = new Block(scope, statements.ToEquatableArray());
        _graph.Append(new ForStmt(index, _graph.IntConst(0), _graph.IntConst(length), body, EquatableArray<CarriedValue>.Empty, Call: call));
    }

    /// <summary>The view a span argument names: a span variable or parameter, or a Slice of one.</summary>
    private View? SpanArgument(IOperation argument)
    {
        while (argument is IConversionOperation conversion) argument = conversion.Operand;
        if (argument is IInvocationOperation { TargetMethod.Name: "Slice" } slice && slice.Instance is not null && ViewOf(slice.Instance) is { } sliced)
            return SliceOf(slice, sliced);
        return ViewOf(argument);
    }

    private void UnsupportedTensorCall(IOperation invocation, string name, string instead) =>
        _diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedTensorCall, invocation.Syntax.GetLocation(), name, instead));
}
