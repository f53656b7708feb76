using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Parsing;

/// <summary>Calls: System.Math functions become IR operations; [Differentiable] helpers are read in place.</summary>
internal sealed partial class BodyParser
{
    private Value Call(IInvocationOperation invocation)
    {
        var target = invocation.TargetMethod;
        if (target.ContainingType?.ToDisplayString() == "System.Math" && target.ReturnType.SpecialType is SpecialType.System_Double or SpecialType.System_Int32
            && target.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Double)
            && KnownMathFunctions.TryGet(target.Name, invocation.Arguments.Length, out var op))
        {
            var arguments = invocation.Arguments.Select(a => Expression(a.Value)).ToList();
            if (arguments.Any(a => a.Kind == ValueKind.Error)) return Value.Error;
            // A kink warns of tiny solver steps, which a layer outside the ODE does not take.
            if (op.IsNonSmooth() && _signature.Time is not null)
                _diagnostics.Add(DiagnosticInfo.Create(Descriptors.NonSmoothFunction, invocation.Syntax.GetLocation(), target.Name, KnownMathFunctions.DerivativeConvention(op)));
            int a0 = Convert(arguments[0], ValueKind.Double, invocation).Node;
            int a1 = arguments.Count > 1 ? Convert(arguments[1], ValueKind.Double, invocation).Node : -1;
            int result = _graph.Emit(op, a0, a1);
            if (op == Op.Sign) Site(result, invocation);
            // Math.Sign returns an int: 'Math.Sign(x) / 2' divides ints, as the user's method does.
            return op == Op.Sign ? Value.IntNode(result) : Value.Double(result);
        }
        if (target.ContainingType?.ToDisplayString() == "System.Math" && KnownMathFunctions.IsLogWithBase(target))
            return LogWithBase(invocation);
        if (target.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DynamicsParser.DifferentiableAttribute))
            return Inline(invocation);
        if (IsTensorPrimitives(target) && target.Name is "Dot" or "Sum")
            return Reduction(invocation);
        if (IsTensorPrimitives(target))
        {
            UnsupportedTensorCall(invocation, "TensorPrimitives." + target.Name, "the generator differentiates the reductions TensorPrimitives.Dot(x, y) and Sum(x), and element-wise calls written as statements (TensorPrimitives.Tanh(x, destination)); write other operations as a for loop");
            return Value.Error;
        }
        _diagnostics.Add(DiagnosticInfo.Create(Descriptors.UnsupportedCall, invocation.Syntax.GetLocation(), target.ContainingType is null ? target.Name : target.ContainingType.Name + "." + target.Name));
        return Value.Error;
    }

    /// <summary>
    /// Math.Log(a, newBase) as .NET computes it: ln a / ln newBase, and NaN where the base is 1, or is 0 or +∞
    /// for a ≠ 1 (System.Math.Log(double, double) in dotnet/runtime). The value is the user's bit for bit, and the
    /// derivatives are those of the quotient. A constant base other than those needs no test.
    /// </summary>
    private Value LogWithBase(IInvocationOperation invocation)
    {
        var arguments = invocation.Arguments.Select(a => Expression(a.Value)).ToList();
        if (arguments.Any(a => a.Kind == ValueKind.Error)) return Value.Error;
        int a = Convert(arguments[0], ValueKind.Double, invocation).Node;
        int b = Convert(arguments[1], ValueKind.Double, invocation).Node;
        int quotient = _graph.Div(_graph.Emit(Op.Log, a), _graph.Emit(Op.Log, b));
        var newBase = _graph[b];
        if (newBase.IsConst && newBase.Value != 1 && newBase.Value != 0 && !double.IsPositiveInfinity(newBase.Value) && !double.IsNaN(newBase.Value))
            return Value.Double(quotient);
        int one = _graph.Const(1);
        int undefinedBase = _graph.Emit(Op.Or, _graph.Emit(Op.Equal, b, one),
            _graph.Emit(Op.And, _graph.Emit(Op.NotEqual, a, one),
                _graph.Emit(Op.Or, _graph.Emit(Op.Equal, b, _graph.Const(0)), _graph.Emit(Op.Equal, b, _graph.Const(double.PositiveInfinity)))));
        return Value.Double(_graph.Select(undefinedBase, _graph.Const(double.NaN), quotient));
    }

    /// <summary>Reads a [Differentiable] helper's body in place, with its parameters bound to the argument values.</summary>
    private Value Inline(IInvocationOperation invocation)
    {
        var helper = invocation.TargetMethod.OriginalDefinition;
        string? problem = HelperProblem(helper);
        var syntax = helper.DeclaringSyntaxReferences.Select(r => r.GetSyntax(_cancellationToken)).OfType<MethodDeclarationSyntax>().FirstOrDefault();
        if (problem is null && syntax is null) problem = "its source is not part of this compilation";
        if (problem is null && _helpers.Any(f => SymbolEqualityComparer.Default.Equals(f.Method, helper)))
            problem = "it calls itself, directly or through other helpers, and recursion cannot be inlined";
        if (problem is not null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidHelper, invocation.Syntax.GetLocation(), helper.Name, problem));
            return Value.Error;
        }

        var arguments = invocation.Arguments.Select(a => Expression(a.Value)).ToList();
        if (arguments.Any(a => a.Kind == ValueKind.Error)) return Value.Error;

        var model = syntax!.SyntaxTree == _semanticModel.SyntaxTree
            ? _semanticModel
#pragma warning disable RS1030 // The helper's body lives in another file; its semantic model is read only here, in Parse.
            : _semanticModel.Compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
        if (model.GetOperation(syntax, _cancellationToken) is not IMethodBodyOperation body || (body.BlockBody ?? body.ExpressionBody) is not { } block)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidHelper, invocation.Syntax.GetLocation(), helper.Name, "it has no body"));
            return Value.Error;
        }

        var savedVariables = _variables;
        _variables = new Dictionary<ISymbol, Value>(SymbolEqualityComparer.Default);
        for (int i = 0; i < helper.Parameters.Length; i++)
        {
            UserNames.Add(helper.Parameters[i].Name);
            _variables[helper.Parameters[i]] = Convert(arguments[i], ValueKind.Double, invocation);
        }
        var frame = new HelperFrame(helper);
        _helpers.Push(frame);
        Statements(block.Operations, topLevel: true);
        _helpers.Pop();
        _variables = savedVariables;

        if (frame.Result is null)
        {
            _diagnostics.Add(DiagnosticInfo.Create(Descriptors.InvalidHelper, invocation.Syntax.GetLocation(), helper.Name, "it does not end with 'return value;'"));
            return Value.Error;
        }
        return frame.Result.Value;
    }

    private static string? HelperProblem(IMethodSymbol helper)
    {
        if (!helper.IsStatic) return "it is not static";
        if (helper.ReturnType.SpecialType != SpecialType.System_Double) return "it must return double";
        if (helper.IsGenericMethod) return "it is generic";
        foreach (var parameter in helper.Parameters)
        {
            if (parameter.Type.SpecialType != SpecialType.System_Double || parameter.RefKind != RefKind.None)
                return "parameter '" + parameter.Name + "' must be a plain double";
        }
        return null;
    }

    private sealed class HelperFrame
    {
        public HelperFrame(IMethodSymbol method) => Method = method;

        public IMethodSymbol Method { get; }

        public Value? Result { get; set; }
    }
}
