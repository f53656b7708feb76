using System.Linq;
using System.Text.RegularExpressions;

namespace OdeGen.Generator.Tests.Emission;

/// <summary>
/// C# zeroes a stackalloc span unless [SkipLocalsInit] applies, and cotangent spans accumulate from zero: the
/// generated code clears its spans exactly when the attribute is on the module or on a type around the method.
/// </summary>
public class SkipLocalsInitTests
{
    private const string Layer = """
        public static partial class Layer
        {
            [OdeDynamics(StateSize = 2, ParameterSize = 2)]
            public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
            {
                Span<double> h = stackalloc double[2];
                for (int i = 0; i < 2; i++)
                {
                    h[i] = Math.Tanh(p[i] * y[i]);
                }
                for (int i = 0; i < 2; i++)
                {
                    dy[i] = h[i] * h[1 - i];
                }
            }
        }
        """;

    private static string Generated(string source) => Assert.Single(GeneratorHarness.Run(GeneratorHarness.Usings + source).GeneratedSources);

    [Fact]
    public void WithoutTheAttributeSpansAreNotClearedAgain()
    {
        string code = Generated(Layer);
        Assert.Contains("stackalloc double[2];", code);
        Assert.DoesNotContain(".Clear();\n                global::System.Span", code);
        Assert.DoesNotContain("hBar.Clear();", code);
    }

    [Fact]
    public void OnTheModuleEverySpanIsCleared()
    {
        string code = Generated("[module: System.Runtime.CompilerServices.SkipLocalsInit]\n" + Layer);
        Assert.Contains("hBar.Clear();", code);
        Assert.Contains("unit.Clear();", code);
        // Each span is cleared on the line after its stackalloc, except the Jacobian's column, which a JVP overwrites.
        var lines = code.Split('\n').Select(l => l.Trim()).ToList();
        var spans = Enumerable.Range(0, lines.Count - 1)
            .Select(i => (Match: Regex.Match(lines[i], @"Span<double> (\w+) = stackalloc"), Next: lines[i + 1]))
            .Where(x => x.Match.Success && x.Match.Groups[1].Value != "column").ToList();
        Assert.NotEmpty(spans);
        foreach (var (match, next) in spans) Assert.Equal(match.Groups[1].Value + ".Clear();", next);
    }

    [Fact]
    public void OnAnEnclosingTypeEverySpanIsCleared()
    {
        string code = Generated("[System.Runtime.CompilerServices.SkipLocalsInit]\npublic static partial class Outer\n{\n" + Layer + "\n}\n");
        Assert.Contains("hBar.Clear();", code);
    }
}
