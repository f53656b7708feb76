namespace OdeGen.Generator.Tests.Emission;

/// <summary>
/// Generated loops keep the user's index names: sibling loops may each declare <c>i</c>, as C# allows, while a loop
/// nested in another never takes the enclosing loop's name (CS0136).
/// </summary>
public class LoopIndexNamesTests
{
    [Fact]
    public void SiblingLoopsKeepTheUsersIndexName()
    {
        var result = GeneratorHarness.Run(GeneratorHarness.Usings + """
            public static partial class Sibling
            {
                [OdeDynamics(StateSize = 3)]
                public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
                {
                    Span<double> h = stackalloc double[3];
                    for (int i = 0; i < 3; i++)
                    {
                        h[i] = Math.Tanh(y[i]);
                    }
                    for (int i = 0; i < 3; i++)
                    {
                        dy[i] = h[i] * h[(i + 1) % 3];
                    }
                }
            }
            """);
        Assert.Empty(result.CompilerErrors);
        string code = Assert.Single(result.GeneratedSources);
        Assert.Contains("for (int i = 0; i < 3; i++)", code);
        Assert.DoesNotContain("i2", code);
    }

    [Fact]
    public void ALoopInsideAnotherTakesAnotherName()
    {
        // The TensorPrimitives call's own loop would be called i, inside the user's loop over i.
        var result = GeneratorHarness.Run(GeneratorHarness.Usings + """
            public static partial class Nested
            {
                [OdeDynamics(StateSize = 2)]
                public static void Rhs(double t, ReadOnlySpan<double> y, Span<double> dy)
                {
                    Span<double> a = stackalloc double[4];
                    Span<double> q = stackalloc double[4];
                    for (int i = 0; i < 4; i++)
                    {
                        a[i] = y[i % 2] * (i + 1);
                    }
                    for (int i = 0; i < 2; i++)
                    {
                        System.Numerics.Tensors.TensorPrimitives.Tanh(a.Slice(2 * i, 2), q.Slice(2 * i, 2));
                    }
                    dy[0] = q[0] * q[3];
                    dy[1] = q[1] + q[2];
                }
            }
            """);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilerErrors);
        Assert.Contains("for (int i2 = ", Assert.Single(result.GeneratedSources));
    }
}
