using System.Linq;
using Microsoft.CodeAnalysis;

namespace OdeGen.Generator.Tests.Diagnostics;

/// <summary>A [Differentiable] span layer with a wrong signature or without its sizes gets its own diagnostic, on the method's name.</summary>
public class LayerDiagnosticTests
{
    private static string InClass(string members) => GeneratorHarness.Usings + "public static partial class Net\n{\n" + members + "\n}\n";

    private static Diagnostic Expect(string source, string id)
    {
        var result = GeneratorHarness.Run(source);
        var found = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, $"Expected {id}; got: {string.Join("; ", result.GeneratorDiagnostics)}");
        int expectedLine = source.Split('\n').Select((line, i) => (line, i)).First(x => x.line.Contains("// here")).i;
        Assert.Equal(expectedLine, found[0].Location.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "ODE9999");
        Assert.Empty(result.GeneratedSources);
        return found[0];
    }

    [Fact]
    public void A_layer_taking_arrays_is_a_wrong_layer_signature()
    {
        var d = Expect(InClass("    [Differentiable(InputSize = 2, OutputSize = 2)]\n    public static void Layer(double[] x, Span<double> y) // here\n    { y[0] = x[0]; y[1] = x[1]; }"), "ODE0030");
        Assert.Contains("parameter 'x'", d.GetMessage());
        Assert.Contains("static void Layer(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y)", d.GetMessage());
    }

    [Fact]
    public void A_layer_with_a_time_parameter_is_a_wrong_layer_signature() =>
        Assert.Contains("4 parameters", Expect(InClass("    [Differentiable(InputSize = 1, OutputSize = 1, ParameterSize = 1)]\n    public static void Layer(double t, ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y) // here\n    { y[0] = x[0] * p[0]; }"), "ODE0030").GetMessage());

    [Fact]
    public void A_layer_without_sizes_is_told_which_to_declare()
    {
        var d = Expect(InClass("    [Differentiable]\n    public static void Layer(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y) // here\n    { y[0] = x[0] * p[0]; }"), "ODE0031");
        Assert.Contains("InputSize", d.GetMessage());
        Assert.Contains("[Differentiable(InputSize = n, OutputSize = m, ParameterSize = k)]", d.GetMessage());
    }

    [Fact]
    public void A_layer_without_parameter_size_is_told_so() =>
        Assert.Contains("its ParameterSize", Expect(InClass("    [Differentiable(InputSize = 1, OutputSize = 1)]\n    public static void Layer(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y) // here\n    { y[0] = x[0] * p[0]; }"), "ODE0031").GetMessage());

    [Fact]
    public void A_write_past_the_output_is_out_of_range()
    {
        var result = GeneratorHarness.Run(InClass("    [Differentiable(InputSize = 2, OutputSize = 1)]\n    public static void Layer(ReadOnlySpan<double> x, Span<double> y)\n    { y[0] = x[0]; y[1] = x[1]; }"));
        Assert.Contains(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(result.GeneratedSources);
    }

    [Fact]
    public void A_scalar_helper_generates_nothing_of_its_own()
    {
        var result = GeneratorHarness.Run(InClass("    [Differentiable]\n    public static double Square(double x) => x * x;"));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.GeneratedSources);
    }
}
