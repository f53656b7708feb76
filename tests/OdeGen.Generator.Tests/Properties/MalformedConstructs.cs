using System.Collections.Generic;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// A statement put into an otherwise valid body. <see cref="MustReject"/>: the body is no longer valid
/// dynamics, so the build must fail with an error at the inserted code (from the generator or from C#).
/// Constructs that API.md allows or that are plain valid C# the generator may accept are not MustReject;
/// for them the property is only that the generator does not crash and, if it accepts, its code compiles.
/// <see cref="AtEnd"/>: inserted as the body's last statement (where every dy[i] is assigned).
/// <see cref="ErrorAtCode"/>: false where the error rightly points elsewhere (an index that makes the
/// inferred state size huge is reported as the outputs left unassigned, at the method).
/// </summary>
internal sealed record Injection(string Code, bool MustReject, bool AtEnd = false, string? Member = null, bool ErrorAtCode = true);

/// <summary>Catalog of unsupported or unusual constructs for the robustness test.</summary>
internal static class MalformedConstructs
{
    public static readonly IReadOnlyList<Injection> Injections = new Injection[]
    {
        new("while (t > 100.0) { t -= 1.0; }", true),
        new("do { } while (t > 100.0);", true),
        new("for (int i = 0; i < 2; i++) { }", false),
        new("foreach (double v in y) { }", true),
        new("switch ((int)t) { case 0: break; default: break; }", true),
        new("try { } catch { }", true),
        new("try { } finally { }", true),
        new("throw new InvalidOperationException();", true),
        new("goto end; end:;", true),
        new("Func<double, double> f = x => x * 2.0;", true),
        new("double g(double x) => x * 2.0;", true),
        new("double[] arr = new double[3];", true),
        new("string s = \"a\" + y[0];", true),
        new("object o = y[0];", true),
        new("Environment.Exit(0);", true),
        new("double z = Math.Round(y[0]);", true),
        new("double z = Math.Clamp(y[0], 0.0, 1.0);", true),
        new("double z = Math.FusedMultiplyAdd(y[0], y[0], t);", true),
        new("double z = MathF.Sin(1f);", true),
        new("double z = Helper(y[0]);", true, Member: "static double Helper(double x) => 2.0 * x;"),
        new("double z = Field;", true, Member: "static double Field = 2.0;"),
        new("int i = (int)t; double z = y[i];", true),
        new("int i = 1; if (t > 0.0) { i = 0; } double z = y[i];", true),
        new("y[0] = 1.0;", true),
        new("t = 1.0;", true),
        new("t += 1.0;", true),
        new("dy = default;", true),
        new("return;", true),
        new("Span<double> s = stackalloc double[2];", false),
        new("double z = y.Slice(0)[0];", false),
        new("double z = y[^1];", true),
        new("double z = y.Length;", true),
        new("double z = checked(y[0] * 2.0);", false),
        // A ref local of a read-only input reads the same value as a copy; accepting it is harmless.
        new("ref readonly double r = ref y[0];", false),
        new("var (a, b) = (y[0], t);", true),
        new("double z = y[0] is > 0 ? 1.0 : 0.0;", true),
        new("double z = y[0] switch { > 0 => 1.0, _ => 0.0 };", true),
        new("float z = 1f;", true),
        new("long z = 2;", true),
        new("decimal z = 1m;", true),
        new("double z = y[0] % 2.0;", true),
        new("int z = 1 / 0;", true),
        new("bool b = y[0] > 0.0; double z = b ? 1.0 : 2.0;", false),
        new("double z = default;", false),
        new("lock (y.ToArray()) { }", true),
        new("unsafe { }", true),
        new("dy[0] += y[0] * double.NaN;", false, AtEnd: true),
        new("dy[0] += double.PositiveInfinity * y[0];", false, AtEnd: true),
        new("dy[0] += double.NegativeInfinity + y[0];", false, AtEnd: true),
        new("dy[0] += 1e-320 * y[0];", false, AtEnd: true),
        new("dy[0] += -0.0 * y[0];", false, AtEnd: true),
        new("dy[0] += double.MaxValue * y[0];", false, AtEnd: true),
        new("dy[0] += double.Epsilon * y[0];", false, AtEnd: true),
        new("dy[0] += (float)0.1 * y[0];", false, AtEnd: true),
        new("dy[0] += 1L * y[0];", false, AtEnd: true),
        new("dy[0] += 'a' * y[0];", false, AtEnd: true),
        new("dy[0] += Math.PI * y[0] + Math.E;", false, AtEnd: true),
        new("dy[0] = dy[0];", false, AtEnd: true),
        new("dy[0]++;", false, AtEnd: true),
        new("dy[0] += y[0] > 0.0 && t < 1.0 ? 1.0 : 0.0;", false, AtEnd: true),
        new("dy[0] += (y[0] > 0.0) == (t > 0.0) ? 1.0 : 0.0;", false, AtEnd: true),
        new("int k = 3; dy[0] += k / 2 * y[0];", false, AtEnd: true),
        new("int k = (int)Math.Floor(y[0]);", true),
        new("dy[0] += Math.Max(1, 2) * y[0];", false, AtEnd: true),
        new("dy[1000] = 1.0;", true, AtEnd: true, ErrorAtCode: false),
        new("dy[-1] = 1.0;", true, AtEnd: true),
        new("double z = y[7];", true),
        new("dy[0] = Math.Sin();", true, AtEnd: true),
        new("dy[0] = Math.Pow(y[0]);", true, AtEnd: true),
        new("dy[0] = Undefined(y[0]);", true, AtEnd: true),
        new("dy[0] = y[0] +;", true, AtEnd: true),
    };

    /// <summary>Replacements for the method's header line: wrong signatures and unusual ones.</summary>
    public static readonly IReadOnlyList<(string Header, bool MustReject)> Headers = new[]
    {
        ("public void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static double Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy, int extra)", true),
        ("public static void Rhs(float t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static void Rhs(double t, Span<double> y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static void Rhs(double t, double[] y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static void Rhs(in double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static void Rhs<T>(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static void Rhs(double t, Span<double> dy)", true),
        ("public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> dy)", true),
        ("public static void Rhs(double t, ReadOnlySpan<float> y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, out Span<double> dy)", true),
        ("public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, params Span<double> dy)", false),
        ("public static async void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", true),
        ("public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy = default)", false),
        ("internal static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", false),
        ("private static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", false),
        ("public static unsafe void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)", false),
    };

    /// <summary>Replacements for the attribute line.</summary>
    public static readonly IReadOnlyList<(string Attribute, bool MustReject)> Attributes = new[]
    {
        ("[OdeDynamics(StateSize = -1)]", false),
        ("[OdeDynamics(StateSize = 0, ParameterSize = 0)]", false),
        ("[OdeDynamics(StateSize = 1, ParameterSize = 1)]", false),
        ("[OdeDynamics(StateSize = 300)]", true),
        ("[OdeDynamics(StateSize = 20000000)]", true),
        ("[OdeDynamics(ParameterSize = -5)]", false),
        ("[OdeDynamics(StateSize = \"3\")]", true),
        ("[OdeDynamics(Unknown = 3)]", true),
        ("[OdeDynamics, OdeDynamics]", true),
        ("[OdeGen.OdeDynamics()]", false),
        ("[OdeDynamicsAttribute]", false),
    };

    /// <summary>Replacements for the class header (the class is named C).</summary>
    public static readonly IReadOnlyList<(string Header, bool MustReject)> ClassHeaders = new[]
    {
        ("public static class C", true),
        ("public class C", true),
        ("public partial struct C", false),
        ("public partial record C", false),
        ("public partial record struct C", false),
        ("public partial interface C", false),
        ("public static partial class C<T>", false),
        ("internal sealed partial class C", false),
        ("public abstract partial class C", false),
        ("public static partial class RhsSystem", true),
        ("public static partial class @C", false),
    };
}
