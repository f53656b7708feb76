using System.Linq;
using Microsoft.CodeAnalysis;

namespace OdeGen.Generator.Tests.Diagnostics;

/// <summary>
/// Each unsupported construct gives its own diagnostic id, on the line marked <c>// here</c>, with a
/// message that says what to write instead; no code is generated for a method with an error.
/// </summary>
public class DiagnosticTests
{
    private const string Signature = "public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)";

    private static string InClass(string members, string modifiers = "public static partial") =>
        GeneratorHarness.Usings + modifiers + " class Sys\n{\n" + members + "\n}\n";

    private static string Dynamics(string body, string attribute = "[OdeDynamics]") =>
        InClass("    " + attribute + "\n    " + Signature + "\n    {\n" + body + "\n    }");

    private static Diagnostic Expect(string source, string id)
    {
        var result = GeneratorHarness.Run(source);
        var found = result.GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(found.Count > 0, $"Expected {id}; got: {string.Join("; ", result.GeneratorDiagnostics)}");
        var diagnostic = found[0];
        int expectedLine = source.Split('\n').Select((line, i) => (line, i)).First(x => x.line.Contains("// here")).i;
        Assert.Equal(expectedLine, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "ODE9999");
        if (diagnostic.Severity == DiagnosticSeverity.Error) Assert.Empty(result.GeneratedSources);
        return diagnostic;
    }

    [Fact]
    public void NotStaticIsAWrongSignature()
    {
        var d = Expect(InClass("    [OdeDynamics]\n    public void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) // here\n    { dy[0] = y[0]; }", "public partial"), "ODE0001");
        Assert.Contains("not static", d.GetMessage());
        Assert.Contains("static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", d.GetMessage());
    }

    [Fact]
    public void WrongParameterTypeIsAWrongSignature()
    {
        var d = Expect(InClass("    [OdeDynamics]\n    public static void Rhs(double t, double[] y, ReadOnlySpan<double> p, Span<double> dy) // here\n    { dy[0] = y[0]; }"), "ODE0001");
        Assert.Contains("'y'", d.GetMessage());
    }

    [Fact]
    public void ReturningAValueIsAWrongSignature() =>
        Expect(InClass("    [OdeDynamics]\n    public static double Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) // here\n    { dy[0] = y[0]; return 0; }"), "ODE0001");

    [Fact]
    public void ContainingTypeMustBePartial()
    {
        var source = GeneratorHarness.Usings + "public static class Sys // here\n{\n    [OdeDynamics]\n    " + Signature + " { dy[0] = y[0]; }\n}\n";
        var d = Expect(source, "ODE0002");
        Assert.Contains("partial", d.GetMessage());
        Assert.Contains("RhsSystem", d.GetMessage());
    }

    [Fact]
    public void WhileLoopIsAnUnsupportedStatement()
    {
        var d = Expect(Dynamics("        double s = 0;\n        while (s < 1) s += y[0]; // here\n        dy[0] = s;"), "ODE0003");
        Assert.Contains("for (int i = a; i < b; i++)", d.GetMessage());
    }

    [Fact]
    public void ForLoopWithAnotherShapeIsAnUnsupportedStatement() =>
        Expect(Dynamics("        double s = 0;\n        for (int i = 0; i < 3; i += 2) s += y[i]; // here\n        dy[0] = s;", "[OdeDynamics(StateSize = 3)]"), "ODE0003");

    [Fact]
    public void StackallocInsideALoopIsAnUnsupportedStatement() =>
        Expect(Dynamics("        for (int i = 0; i < 2; i++)\n        {\n            Span<double> h = stackalloc double[2]; // here\n            h[0] = y[i];\n            dy[i] = h[0];\n        }", "[OdeDynamics(StateSize = 2)]"), "ODE0003");

    [Fact]
    public void LoopIndexedStateNeedsADeclaredSize()
    {
        var d = Expect(InClass("    [OdeDynamics]\n    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) // here\n    {\n        for (int i = 0; i < 3; i++) dy[i] = -y[i];\n    }"), "ODE0006");
        Assert.Contains("StateSize", d.GetMessage());
    }

    [Fact]
    public void OutputReadBackInAMethodWhoseLoopsWriteIt() =>
        Expect(Dynamics("        for (int i = 0; i < 2; i++) dy[i] = y[i];\n        double s = dy[0]; // here", "[OdeDynamics(StateSize = 2)]"), "ODE0016");

    [Fact]
    public void ScratchSpanReadInTheLoopThatWritesIt()
    {
        var d = Expect(Dynamics("        Span<double> h = stackalloc double[3];\n        for (int i = 1; i < 3; i++)\n        {\n            h[i] = h[i - 1] + y[i]; // here\n        }\n        for (int i = 0; i < 3; i++) dy[i] = h[i];", "[OdeDynamics(StateSize = 3)]"), "ODE0017");
        Assert.Contains("'h'", d.GetMessage());
    }

    [Fact]
    public void CarriedValueThatDoesNotAccumulate()
    {
        var d = Expect(Dynamics("        double product = 1;\n        for (int i = 0; i < 3; i++) // here\n        {\n            product *= y[i];\n        }\n        dy[0] = product;", "[OdeDynamics(StateSize = 3)]"), "ODE0018");
        Assert.Contains("'product'", d.GetMessage());
    }

    [Fact]
    public void CarriedValueReadInsideTheLoop() =>
        Expect(Dynamics("        double s = 0;\n        for (int i = 0; i < 3; i++) // here\n        {\n            s += y[i];\n            dy[i] = s;\n        }", "[OdeDynamics(StateSize = 3)]"), "ODE0018");

    [Fact]
    public void StackallocIndexOutOfRange() =>
        Expect(Dynamics("        Span<double> h = stackalloc double[2];\n        h[2] = y[0]; // here\n        dy[0] = h[0];"), "ODE0010");

    [Fact]
    public void ThrowIsAnUnsupportedStatement() =>
        Expect(Dynamics("        dy[0] = y[0];\n        throw new InvalidOperationException(); // here"), "ODE0003");

    [Fact]
    public void EarlyReturnIsAnUnsupportedStatement() =>
        Expect(Dynamics("        dy[0] = y[0];\n        if (y[0] > 0) return; // here\n        dy[0] = 2 * y[0];"), "ODE0003");

    [Fact]
    public void SpanLengthIsAnUnsupportedExpression()
    {
        var d = Expect(Dynamics("        dy[0] = y.Length * y[0]; // here"), "ODE0004");
        Assert.Contains("StateSize", d.GetMessage());
    }

    [Fact]
    public void NonConstFieldIsAnUnsupportedExpression()
    {
        var source = InClass("    public static double Gain = 2;\n    [OdeDynamics]\n    " + Signature + "\n    {\n        dy[0] = Gain * y[0]; // here\n    }");
        var d = Expect(source, "ODE0004");
        Assert.Contains("const", d.GetMessage());
    }

    [Fact]
    public void RemainderOfDoublesIsAnUnsupportedExpression() =>
        Expect(Dynamics("        dy[0] = y[0] % 2.0; // here"), "ODE0004");

    [Fact]
    public void CastToIntIsAnUnsupportedExpression()
    {
        var d = Expect(Dynamics("        int k = (int)y[0]; // here\n        dy[0] = k;"), "ODE0004");
        Assert.Contains("Math.Floor", d.GetMessage());
    }

    [Fact]
    public void UnknownMathFunctionIsAnUnsupportedCall()
    {
        var d = Expect(Dynamics("        dy[0] = Math.Round(y[0]); // here"), "ODE0005");
        Assert.Contains("Math.Round", d.GetMessage());
        Assert.Contains("[Differentiable]", d.GetMessage());
    }

    [Fact]
    public void UnmarkedHelperIsAnUnsupportedCall()
    {
        var source = InClass("    public static double Twice(double x) => 2 * x;\n    [OdeDynamics]\n    " + Signature + "\n    {\n        dy[0] = Twice(y[0]); // here\n    }");
        Assert.Contains("Sys.Twice", Expect(source, "ODE0005").GetMessage());
    }

    [Fact]
    public void NoOutputMeansTheSizeCannotBeInferred() =>
        Expect(InClass("    [OdeDynamics]\n    " + Signature.Replace("Rhs(", "Rhs(") + " // here\n    {\n        double a = y[0];\n    }"), "ODE0006");

    [Fact]
    public void AssigningTimeIsAnAssignmentToAnInput()
    {
        var d = Expect(Dynamics("        t = 2 * t; // here\n        dy[0] = t * y[0];"), "ODE0007");
        Assert.Contains("copy it into a local", d.GetMessage());
    }

    [Fact]
    public void ArrayIsAHeapAllocation() =>
        Expect(Dynamics("        double[] scratch = new double[3]; // here\n        dy[0] = y[0];"), "ODE0008");

    [Fact]
    public void LambdaIsAHeapAllocation() =>
        Expect(Dynamics("        Func<double, double> square = x => x * x; // here\n        dy[0] = square(y[0]);"), "ODE0008");

    [Fact]
    public void NonSmoothFunctionIsAWarningAndCodeIsStillGenerated()
    {
        var source = Dynamics("        dy[0] = Math.Abs(y[0]); // here");
        var d = Expect(source, "ODE0009");
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.Contains("Math.Sign", d.GetMessage());
        Assert.Single(GeneratorHarness.Run(source).GeneratedSources);
    }

    [Fact]
    public void IndexBeyondTheDeclaredSizeIsOutOfRange()
    {
        var d = Expect(Dynamics("        dy[0] = y[1];\n        dy[1] = y[2]; // here", "[OdeDynamics(StateSize = 2)]"), "ODE0010");
        Assert.Contains("0 to 1", d.GetMessage());
    }

    [Fact]
    public void OutputAssignedOnOnePathOnly() =>
        Expect(InClass("    [OdeDynamics]\n    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) // here\n    {\n        dy[0] = y[0];\n        if (y[0] > 0) dy[1] = y[1];\n    }"), "ODE0011");

    [Fact]
    public void OutputReadBeforeItIsWritten() =>
        Expect(Dynamics("        dy[0] = dy[1] * y[0]; // here\n        dy[1] = y[1];"), "ODE0012");

    [Fact]
    public void IntThatDependsOnTheBranchTaken() =>
        Expect(Dynamics("        int k = 0;\n        if (y[0] > 0) k = 1; // here\n        dy[0] = y[k];"), "ODE0013");

    [Fact]
    public void IndexFromTheStateNeedsADeclaredSize() =>
        Expect(InClass("    [OdeDynamics]\n    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) // here\n    {\n        dy[0] = y[1 + Math.Sign(y[0])];\n        dy[1] = y[1];\n        dy[2] = y[2];\n    }"), "ODE0006");

    [Fact]
    public void ContainingTypeNamedLikeTheStruct() =>
        Expect(GeneratorHarness.Usings + "public static partial class RhsSystem\n{\n    [OdeDynamics]\n    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) // here\n    { dy[0] = y[0]; }\n}\n", "ODE0015");

    [Fact]
    public void MethodThatDoesNotCompileGetsOnlyTheCompilersErrors()
    {
        var result = GeneratorHarness.Run(Dynamics("        dy[0] = y[0] + true;"));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.GeneratedSources);
        Assert.Contains(result.CompilerErrors, d => d.Id == "CS0019");
    }

    [Fact]
    public void RecursiveHelperIsInvalid()
    {
        var source = InClass("    [Differentiable]\n    public static double F(double x) => x < 0 ? x : F(x - 1);\n    [OdeDynamics]\n    " + Signature + "\n    {\n        dy[0] = F(y[0]);\n    }");
        var result = GeneratorHarness.Run(source);
        var d = Assert.Single(result.GeneratorDiagnostics, x => x.Id == "ODE0014");
        Assert.Contains("recursion", d.GetMessage());
    }

    [Fact]
    public void NonStaticHelperIsInvalid()
    {
        var source = GeneratorHarness.Usings + "public partial class Sys\n{\n    [Differentiable]\n    public double F(double x) => x;\n    [OdeDynamics]\n    " + Signature + "\n    {\n        dy[0] = new Sys().F(y[0]); // here\n    }\n}\n";
        Assert.Contains("not static", Expect(source, "ODE0014").GetMessage());
    }

    [Fact]
    public void TwoSystemsWithOneNameAreReported()
    {
        var source = InClass("    [OdeDynamics]\n    " + Signature + " { dy[0] = y[0]; }\n    [OdeDynamics]\n    public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy) { dy[0] = y[0]; }");
        var result = GeneratorHarness.Run(source);
        var d = Assert.Single(result.GeneratorDiagnostics, x => x.Id == "ODE0015");
        Assert.Contains("by another [OdeDynamics] method, at File0.cs(7)", d.GetMessage());
        Assert.Single(result.GeneratedSources);
    }

    [Fact]
    public void AGeneratedStructCompiledIntoTheProjectIsNamedWhereItIs()
    {
        // A user's verified snapshot of the generated code, compiled with the project: the struct exists twice.
        var snapshot = "namespace Demo { public static partial class Sys { public readonly struct RhsSystem { } } }\n";
        var source = GeneratorHarness.Usings + "namespace Demo;\npublic static partial class Sys\n{\n    [OdeDynamics]\n    " + Signature + " { dy[0] = y[0]; }\n}\n";
        var result = GeneratorHarness.Run(source, snapshot);
        var d = Assert.Single(result.GeneratorDiagnostics, x => x.Id == "ODE0015");
        Assert.Contains("'RhsSystem' is already declared at File1.cs(1)", d.GetMessage());
        Assert.Contains("<Compile Remove=", d.GetMessage());
    }

    [Fact]
    public void ManyProblemsAreAllReportedInOneBuild()
    {
        var result = GeneratorHarness.Run(Dynamics("        dy[0] = Math.Round(y[0]);\n        dy[1] = y[0] % 3.0;\n        t = 1;"));
        var ids = result.GeneratorDiagnostics.Select(d => d.Id).ToHashSet();
        Assert.Superset(new[] { "ODE0005", "ODE0004", "ODE0007" }.ToHashSet(), ids);
    }

    // ---------------------------------------------------------------- indices from loops (ODE0010)

    [Fact]
    public void ALoopIndexBeyondTheDeclaredParameterSizeIsReported()
    {
        var source = Dynamics("        for (int i = 0; i < 2; i++)\n        {\n            dy[i] = p[2 * i + 1] * y[i]; // here\n        }", "[OdeDynamics(StateSize = 2, ParameterSize = 3)]");
        var message = Expect(source, "ODE0010").GetMessage();
        Assert.Contains("'p[2 * i + 1 = 3]'", message);
        Assert.Contains("parameter size of 3", message);
    }

    [Fact]
    public void AnOffByOneLoopBoundIntoAScratchSpanIsReported()
    {
        var source = Dynamics("        Span<double> h = stackalloc double[3];\n        for (int i = 0; i <= 3; i++)\n        {\n            h[i] = y[0]; // here\n        }\n        dy[0] = h[0];", "[OdeDynamics(StateSize = 1)]");
        Assert.Contains("'h[i = 3]' is outside the length of 3", Expect(source, "ODE0010").GetMessage());
    }

    [Fact]
    public void AnIndexBeyondASliceIsReportedEvenInsideTheArray()
    {
        var source = Dynamics("        ReadOnlySpan<double> w = p.Slice(0, 2);\n        double s = 0;\n        for (int i = 0; i < 3; i++)\n        {\n            s += w[i] * y[0]; // here\n        }\n        dy[0] = s;", "[OdeDynamics(StateSize = 1, ParameterSize = 4)]");
        Assert.Contains("'w[i = 2]' is outside the length of 2", Expect(source, "ODE0010").GetMessage());
    }

    [Fact]
    public void ATensorPrimitivesSliceThatRunsPastItsSpanIsReported()
    {
        var source = Dynamics("        Span<double> a = stackalloc double[8];\n        Span<double> q = stackalloc double[8];\n        for (int i = 0; i < 8; i++) a[i] = y[0] * i;\n"
            + "        for (int k = 0; k < 3; k++)\n        {\n            " + Tensors + "Tanh(a.Slice(4 * k, 4), q.Slice(4 * k, 4)); // here\n        }\n        dy[0] = q[0];", "[OdeDynamics(StateSize = 1)]");
        Assert.Contains("'a[4 * k + i = 8]' is outside the length of 8", Expect(source, "ODE0010").GetMessage());
    }

    [Fact]
    public void IndicesThatStayInRangeAreAccepted()
    {
        var result = GeneratorHarness.Run(Dynamics("        Span<double> h = stackalloc double[3];\n        for (int i = 0; i < 3; i++)\n        {\n            for (int j = 0; j <= i; j++)\n            {\n                h[i] += p[i * 3 + j] * y[(i + j) % 3];\n            }\n        }\n        for (int i = 0; i < 3; i++) dy[i] = h[2 - i];", "[OdeDynamics(StateSize = 3, ParameterSize = 9)]"));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Single(result.GeneratedSources);
    }

    // ---------------------------------------------------------------- TensorPrimitives (ODE0019)

    private const string Tensors = "System.Numerics.Tensors.TensorPrimitives.";

    /// <summary>A body around one TensorPrimitives statement: s holds three pre-activations, h receives them.</summary>
    private static string WithCall(string call, int destinationLength = 3) => Dynamics(
        "        Span<double> s = stackalloc double[3];\n        Span<double> h = stackalloc double[" + destinationLength + "];\n"
        + "        for (int i = 0; i < 3; i++) s[i] = p[i] * y[i];\n        " + call + " // here\n"
        + "        for (int i = 0; i < 3; i++) dy[i] = h[0] + s[i];",
        "[OdeDynamics(StateSize = 3, ParameterSize = 3)]");

    [Fact]
    public void AnElementWiseFunctionOutsideTheListIsReported()
    {
        var d = Expect(WithCall(Tensors + "Cbrt(s, h);"), "ODE0019");
        Assert.Contains("TensorPrimitives.Cbrt", d.GetMessage());
        Assert.Contains("Tanh, Sigmoid, Exp, Log, Sqrt, Sin and Cos", d.GetMessage());
    }

    [Fact]
    public void ADestinationThatIsNotAScratchSpanIsReported() =>
        Assert.Contains("stackalloc span", Expect(WithCall(Tensors + "Tanh(s, dy);"), "ODE0019").GetMessage());

    [Fact]
    public void AnInPlaceCallIsReported() =>
        Assert.Contains("second stackalloc span", Expect(WithCall(Tensors + "Tanh(s, s);"), "ODE0019").GetMessage());

    [Fact]
    public void AShortDestinationIsReported() =>
        Assert.Contains("destination of length 3", Expect(WithCall(Tensors + "Exp(s, h);", destinationLength: 2), "ODE0019").GetMessage());

    [Fact]
    public void AWholeStateOfUndeclaredSizeIsReported()
    {
        var source = Dynamics("        Span<double> h = stackalloc double[3];\n        " + Tensors + "Sin(y, h); // here\n        dy[0] = h[0];\n        dy[1] = h[1];\n        dy[2] = h[2];");
        Assert.Contains("declare StateSize", Expect(source, "ODE0019").GetMessage());
    }

    [Fact]
    public void DotAndSumAreAcceptedAndCalled()
    {
        var result = GeneratorHarness.Run(Dynamics("        dy[0] = " + Tensors + "Sum(y.Slice(0, 2));\n        dy[1] = " + Tensors + "Dot(y.Slice(0, 2), p.Slice(1, 2));", "[OdeDynamics(StateSize = 2, ParameterSize = 3)]"));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilerErrors);
        string generated = Assert.Single(result.GeneratedSources);
        Assert.Contains("TensorPrimitives.Sum<double>(y)", generated);
        Assert.Contains("TensorPrimitives.Dot<double>(y, p.Slice(1, 2))", generated);
    }

    [Fact]
    public void ADotOfSpansOfDifferentLengthsIsReported() =>
        Assert.Contains("different lengths (2 and 3)", Expect(Dynamics("        dy[0] = " + Tensors + "Dot(y.Slice(0, 2), p.Slice(0, 3)); // here\n        dy[1] = y[0];", "[OdeDynamics(StateSize = 2, ParameterSize = 3)]"), "ODE0019").GetMessage());

    [Fact]
    public void AReductionOfTheOutputIsReported() =>
        Assert.Contains("cannot be read", Expect(Dynamics("        dy[1] = y[0];\n        dy[0] = " + Tensors + "Sum<double>(dy); // here", "[OdeDynamics(StateSize = 2)]"), "ODE0019").GetMessage());

    [Fact]
    public void AnotherReductionIsReportedWithWhatIsDifferentiated() =>
        Assert.Contains("Dot(x, y) and Sum(x)", Expect(Dynamics("        dy[0] = " + Tensors + "Max(y.Slice(0, 2)); // here\n        dy[1] = y[0];"), "ODE0019").GetMessage());

    [Fact]
    public void AWholeStateOfDeclaredSizeIsAccepted()
    {
        var result = GeneratorHarness.Run(Dynamics("        Span<double> h = stackalloc double[3];\n        " + Tensors + "Sin(y, h);\n        for (int i = 0; i < 3; i++) dy[i] = h[i];", "[OdeDynamics(StateSize = 3)]"));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilerErrors);
        Assert.Contains("TensorPrimitives.Sin<double>(y, h);", Assert.Single(result.GeneratedSources));
    }

    // ---------------------------------------------------------------- no lane kernels (ODE0020, informational)

    [Fact]
    public void AnIfOnTheStateSaysWhyBatchesRunCopyByCopy()
    {
        var d = Expect(Dynamics("        if (y[0] > 0.5) // here\n        {\n            dy[0] = -y[0];\n        }\n        else\n        {\n            dy[0] = y[0];\n        }\n        dy[1] = y[1];"), "ODE0020");
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        Assert.Contains("runs its copies one by one", d.GetMessage());
        Assert.Contains("conditional expression", d.GetMessage());
    }

    [Fact]
    public void MathSignOfTheStateSaysWhyBatchesRunCopyByCopy() =>
        Assert.Contains("Math.Sign", Expect(Dynamics("        dy[0] = Math.Sign(y[0]) * y[1]; // here\n        dy[1] = y[0];"), "ODE0020").GetMessage());

    [Fact]
    public void ATernaryOnTheStateRunsOnLanesWithoutANote()
    {
        var result = GeneratorHarness.Run(Dynamics("        dy[0] = y[0] > 0.5 ? -y[0] : y[0];\n        dy[1] = y[1];"));
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Contains("HasLanes => true", Assert.Single(result.GeneratedSources));
    }

    [Fact]
    public void EveryDescriptorIsFoundByItsId()
    {
        var descriptors = typeof(OdeGen.Generator.Diagnostics.Descriptors).GetFields()
            .Select(f => (Microsoft.CodeAnalysis.DiagnosticDescriptor)f.GetValue(null)!).ToList();
        Assert.NotEmpty(descriptors);
        foreach (var descriptor in descriptors)
            Assert.Same(descriptor, OdeGen.Generator.Diagnostics.DescriptorTable.ById(descriptor.Id));
    }
}
