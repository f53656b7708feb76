using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Model;

namespace OdeGen.Generator.Parsing;

/// <summary>
/// The Parse stage: reads an [OdeDynamics] method through Roslyn's semantic model and returns a frozen
/// <see cref="ParseResult"/>. This folder is the only place that touches symbols, syntax or operations.
/// </summary>
internal static class DynamicsParser
{
    public const string DynamicsAttribute = "OdeGen.OdeDynamicsAttribute";
    public const string DifferentiableAttribute = "OdeGen.DifferentiableAttribute";

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        Parse(context, layer: false, cancellationToken);

    /// <summary>
    /// Parses a [Differentiable] span layer <c>F(x, p, y)</c> as a program whose state is x and whose output is y.
    /// A scalar helper (<c>double H(double ...)</c>) has no model of its own: it is inlined where it is called.
    /// </summary>
    public static ParseResult ParseLayer(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        SignatureChecker.IsSpanLayer((IMethodSymbol)context.TargetSymbol)
            ? Parse(context, layer: true, cancellationToken)
            : Result(null, new List<DiagnosticInfo>());

    private static ParseResult Parse(GeneratorAttributeSyntaxContext context, bool layer, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        try
        {
            // A method that does not compile gets the compiler's own errors; reading it further would only guess.
            if (context.SemanticModel.GetDiagnostics(syntax.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
                return Result(null, new List<DiagnosticInfo>());

            var diagnostics = new List<DiagnosticInfo>();
            var signature = SignatureChecker.Check(method, syntax, diagnostics, layer);
            if (signature is null) return Result(null, diagnostics);

            var (stateSize, parameterSize, outputSize) = ReadSizes(context.Attributes, layer);
            if (layer && (stateSize <= 0 || outputSize <= 0 || (signature.Parameters is not null && parameterSize <= 0)))
            {
                string missing = stateSize <= 0 ? "InputSize" : outputSize <= 0 ? "OutputSize" : "ParameterSize";
                diagnostics.Add(DiagnosticInfo.Create(Descriptors.LayerSizeMissing, syntax.Identifier.GetLocation(), method.Name, missing,
                    signature.Parameters is null ? "" : ", ParameterSize = k"));
                return Result(null, diagnostics);
            }
            if (!layer) outputSize = -1;
            var body = new BodyParser(context.SemanticModel, method, signature, diagnostics, cancellationToken);
            var program = body.Parse(syntax, stateSize, parameterSize);
            if (program is null || diagnostics.Any(d => DescriptorTable.ById(d.Id).DefaultSeverity == DiagnosticSeverity.Error))
                return Result(null, diagnostics);

            var sizes = SizeInference.Infer(body, signature, stateSize, parameterSize, syntax, diagnostics, outputSize);
            if (sizes is null) return Result(null, diagnostics);

            var sized = program with
            {
                Outputs = program.OutputsInMemory ? EquatableArray<int>.Empty : body.OutputNodes(layer ? outputSize : sizes.Value.StateSize),
                Arrays = program.Arrays.Select((a, i) => i switch
                {
                    Ir.Arrays.State => a with { Length = sizes.Value.StateSize },
                    Ir.Arrays.Derivative => a with { Length = layer ? outputSize : sizes.Value.StateSize },
                    Ir.Arrays.Parameters => a with { Length = sizes.Value.ParameterSize },
                    _ => a,
                }).ToEquatableArray(),
            };
            if (!IndicesInRange(body, sized, layer ? outputSize : sizes.Value.StateSize, diagnostics)) return Result(null, diagnostics);

            var model = new DynamicsModel(
                method.ContainingNamespace.IsGlobalNamespace ? null : method.ContainingNamespace.ToDisplayString(),
                ContainingTypes(method),
                method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                method.Name,
                signature.Parameters is not null,
                sizes.Value.StateSize,
                sizes.Value.ParameterSize,
                sized,
                body.UserNames.OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray(),
                LocationOf(syntax),
                SkipsLocalsInit(method),
                outputSize);
            return Result(model, diagnostics);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception exception)
        {
            var info = DiagnosticInfo.Create(Descriptors.InternalError, syntax.Identifier.GetLocation(), method.Name, exception.GetType().Name + ": " + exception.Message);
            return Result(null, new List<DiagnosticInfo> { info });
        }
    }

    /// <summary>
    /// Runs the loops' index arithmetic (as the sparsity analysis does) and reports, as ODE0010 at the access, every
    /// index computed from loop indices that leaves its span: a wrong size on the attribute, or a loop bound off by one.
    /// </summary>
    private static bool IndicesInRange(BodyParser body, IrProgram program, int stateSize, List<DiagnosticInfo> diagnostics)
    {
        if (body.LoadWatches.Count == 0 && body.StoreWatches.Count == 0) return true;
        var outOfRange = Differentiation.LoopInterpreter.CheckIndices(program, stateSize, body.LoadWatches, body.StoreWatches);
        foreach (var entry in outOfRange.OrderBy(e => body.WatchSites[e.Key].Location.SourceSpan.Start))
        {
            var (location, span, index) = body.WatchSites[entry.Key];
            var (value, length, ofView) = entry.Value;
            string what = ofView ? "length" : entry.Key.Array switch
            {
                Ir.Arrays.State or Ir.Arrays.Derivative => "state size",
                Ir.Arrays.Parameters => "parameter size",
                _ => "length",
            };
            string position = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.IndexOutOfRange, location, span, index + " = " + position, what,
                length.ToString(System.Globalization.CultureInfo.InvariantCulture), (length - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return outOfRange.Count == 0;
    }

    /// <summary>
    /// Whether [SkipLocalsInit] on the module or on a type containing the method applies to the generated struct,
    /// which is nested in those types: then its stackalloc spans start with whatever was on the stack.
    /// </summary>
    private static bool SkipsLocalsInit(IMethodSymbol method)
    {
        static bool Marked(ISymbol symbol) => symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.Runtime.CompilerServices.SkipLocalsInitAttribute");
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (Marked(type)) return true;
        }
        return Marked(method.ContainingModule);
    }

    private static SourceLocation LocationOf(MethodDeclarationSyntax syntax)
    {
        var location = syntax.Identifier.GetLocation();
        var lineSpan = location.GetLineSpan();
        return new SourceLocation(lineSpan.Path ?? "", location.SourceSpan, lineSpan.Span);
    }

    private static ParseResult Result(DynamicsModel? model, List<DiagnosticInfo> diagnostics) => new(model, diagnostics.ToEquatableArray());

    /// <summary>The sizes on the attribute; a layer's InputSize is the length of x, which plays y's role.</summary>
    private static (int StateSize, int ParameterSize, int OutputSize) ReadSizes(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, bool layer)
    {
        int stateSize = 0, parameterSize = 0, outputSize = 0;
        foreach (var argument in attributes[0].NamedArguments)
        {
            if (argument.Value.Value is not int value) continue;
            if (argument.Key == (layer ? "InputSize" : "StateSize")) stateSize = value;
            else if (argument.Key == "ParameterSize") parameterSize = value;
            else if (layer && argument.Key == "OutputSize") outputSize = value;
        }
        return (stateSize, parameterSize, outputSize);
    }

    private static EquatableArray<ContainingType> ContainingTypes(IMethodSymbol method)
    {
        var types = new List<ContainingType>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            string keyword = type.TypeKind switch
            {
                TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => type.IsRecord ? "record" : "class",
            };
            string name = type.TypeParameters.Length == 0 ? type.Name : type.Name + "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";
            types.Insert(0, new ContainingType(keyword, name, type.IsStatic));
        }
        return types.ToEquatableArray();
    }
}
