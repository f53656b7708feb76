using System;
using Microsoft.CodeAnalysis;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Emission;
using OdeGen.Generator.Model;
using OdeGen.Generator.Parsing;

namespace OdeGen.Generator;

/// <summary>
/// Turns every method marked <c>[OdeDynamics]</c> into a nested <c>{Method}System</c> struct with its
/// derivatives, and every [Differentiable] span layer into a <c>{Method}Function</c> struct:
/// Parse (Roslyn → frozen IR) → Differentiate → Emit. Each stage is tracked by name.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OdeDynamicsGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline's stages, for incrementality tests.</summary>
    public static class Stages
    {
        public const string Parse = nameof(Parse);
        public const string Diagnostics = nameof(Diagnostics);
        public const string Model = nameof(Model);
        public const string Differentiate = nameof(Differentiate);
        public const string LayerParse = nameof(LayerParse);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DynamicsParser.DynamicsAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                DynamicsParser.Parse)
            .WithTrackingName(Stages.Parse);
        Register(context, parsed);

        // [Differentiable] span layers go through the same stages; scalar helpers parse to nothing (they are inlined).
        var layers = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                DynamicsParser.DifferentiableAttribute,
                static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
                DynamicsParser.ParseLayer)
            .WithTrackingName(Stages.LayerParse);
        Register(context, layers);
    }

    private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ParseResult> parsed)
    {
        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(Stages.Diagnostics);

        var derivatives = parsed
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .WithTrackingName(Stages.Model)
            .Select(static (model, _) => Differentiate(model))
            .WithTrackingName(Stages.Differentiate);

        // Only this cheap step sees the compilation: it turns stored spans back into locations in the
        // user's syntax trees, where #pragma warning disable applies.
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (spc, pair) =>
        {
            foreach (var info in pair.Left) spc.ReportDiagnostic(info.ToDiagnostic(pair.Right));
        });

        context.RegisterSourceOutput(derivatives, static (spc, result) => Emit(spc, result));
    }

    private static (DerivativeModel? Derivatives, DiagnosticInfo? Failure) Differentiate(DynamicsModel model)
    {
        try
        {
            return (Differentiator.Differentiate(model), null);
        }
        catch (Exception exception)
        {
            return (null, Failure(model, exception));
        }
    }

    private static void Emit(SourceProductionContext context, (DerivativeModel? Derivatives, DiagnosticInfo? Failure) result)
    {
        if (result.Failure is not null)
        {
            context.ReportDiagnostic(result.Failure.ToDiagnostic());
            return;
        }
        var derivatives = result.Derivatives!;
        string text;
        DiagnosticInfo? copyByCopy = null;
        try
        {
            text = derivatives.Source.IsLayer ? LayerEmitter.Emit(derivatives, out copyByCopy) : SystemEmitter.Emit(derivatives, out copyByCopy);
        }
        catch (Exception exception)
        {
            context.ReportDiagnostic(Failure(derivatives.Source, exception).ToDiagnostic());
            return;
        }
        context.AddSource(derivatives.Source.HintName, text);
        if (copyByCopy is not null) context.ReportDiagnostic(copyByCopy.ToDiagnostic());
    }

    private static DiagnosticInfo Failure(DynamicsModel model, Exception exception) =>
        new(Descriptors.InternalError.Id, model.Location.FilePath, model.Location.Span, model.Location.LineSpan,
            new[] { model.MethodName, exception.GetType().Name + ": " + exception.Message + " at " + Where(exception) }.ToEquatableArray());

    /// <summary>The innermost frame of the failure, so that a report names the place.</summary>
    private static string Where(Exception exception)
    {
        string trace = exception.StackTrace ?? "";
        int end = trace.IndexOf('\n');
        return (end < 0 ? trace : trace.Substring(0, end)).Trim();
    }
}
