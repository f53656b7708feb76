using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OdeGen.Generator.Diagnostics;

namespace OdeGen.Generator.Parsing;

/// <summary>
/// Sizes of y (= dy) and p: from the attribute where given, otherwise one past the largest constant index
/// written to dy (state) or read from p (parameters). Every index is then checked against them.
/// </summary>
internal static class SizeInference
{
    /// <remarks>
    /// A span layer passes its declared <paramref name="layerOutputSize"/> (the length of its output y, which plays dy's
    /// role); its input x plays y's role and is <paramref name="declaredState"/> long.
    /// </remarks>
    public static (int StateSize, int ParameterSize)? Infer(BodyParser body, Signature signature, int declaredState, int declaredParameters, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics,
        int layerOutputSize = -1)
    {
        bool layer = layerOutputSize >= 0;
        var location = syntax.Identifier.GetLocation();
        int Largest(SpanKind span) => body.Indices.Keys.Where(k => k.Span == span).Select(k => k.Index).DefaultIfEmpty(-1).Max();

        if (declaredState <= 0 && (body.OutputsInMemory || body.DynamicIndices.ContainsKey(SpanKind.State) || body.DynamicIndices.ContainsKey(SpanKind.Derivative)))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeNotInferable, location, "state size", syntax.Identifier.Text, "y or dy is indexed with a loop index", "StateSize"));
            return null;
        }
        if (declaredParameters <= 0 && body.DynamicIndices.ContainsKey(SpanKind.Parameters))
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeNotInferable, location, "parameter size", syntax.Identifier.Text, "p is indexed with a loop index", "ParameterSize"));
            return null;
        }

        int stateSize = declaredState > 0 ? declaredState : Largest(SpanKind.Derivative) + 1;
        int outputSize = layer ? layerOutputSize : stateSize;
        if (stateSize <= 0)
        {
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.SizeNotInferable, location, "state size", syntax.Identifier.Text, "no element of '" + signature.Derivative.Name + "' is assigned with a constant index", "StateSize"));
            return null;
        }

        int parameterSize = 0;
        if (signature.Parameters is not null)
            parameterSize = declaredParameters > 0 ? declaredParameters : Largest(SpanKind.Parameters) + 1;

        bool ok = true;
        foreach (var entry in body.Indices.OrderBy(e => e.Key.Span).ThenBy(e => e.Key.Index))
        {
            var (span, index) = entry.Key;
            int size = span switch
            {
                SpanKind.Parameters => parameterSize,
                SpanKind.Derivative => outputSize,
                _ => stateSize,
            };
            if (index >= 0 && index < size) continue;
            string name = span switch
            {
                SpanKind.State => signature.State.Name,
                SpanKind.Parameters => signature.Parameters!.Name,
                _ => signature.Derivative.Name,
            };
            string sizeName = span switch
            {
                SpanKind.Parameters => "parameter size",
                SpanKind.Derivative when layer => "output size",
                _ => layer ? "input size" : "state size",
            };
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.IndexOutOfRange, entry.Value, name, index.ToString(CultureInfo.InvariantCulture), sizeName, size.ToString(CultureInfo.InvariantCulture), (size - 1).ToString(CultureInfo.InvariantCulture)));
            ok = false;
        }

        // One diagnostic per missing output, but a size far beyond the outputs written gets a single one.
        // One pass: a size of millions must not build a list of millions.
        var first = new List<int>(5);
        int count = 0;
        foreach (int index in body.UnassignedOutputs(outputSize))
        {
            if (first.Count < 5) first.Add(index);
            count++;
        }
        foreach (int index in first)
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.OutputNotAssigned, location, signature.Derivative.Name, index.ToString(CultureInfo.InvariantCulture)));
        if (count > 5)
        {
            int more = count - 5;
            diagnostics.Add(DiagnosticInfo.Create(Descriptors.OutputNotAssigned, location, signature.Derivative.Name, "i] for " + more.ToString(CultureInfo.InvariantCulture) + " more i; the " + (layer ? "output" : "state") + " size is " + outputSize.ToString(CultureInfo.InvariantCulture) + "[i"));
        }
        ok &= count == 0;
        return ok ? (stateSize, parameterSize) : null;
    }
}
