using System.Linq;
using OdeGen.Generator.Diagnostics;
using OdeGen.Generator.Differentiation;
using OdeGen.Generator.Model;
using OdeGen.Generator.Passes;

namespace OdeGen.Generator.Emission;

/// <summary>
/// The lane kernels of a system: Forward, Jvp and VjpAccumulate on <c>Vector&lt;double&gt;.Count</c> copies at once,
/// each copy a lane (see <see cref="LaneTypes"/>). <c>BatchedSystem</c> calls them on groups of copies, so that a
/// batch runs at the speed of the SIMD units while the user writes the dynamics of one sample. p and vp are shared,
/// so they stay <c>double</c> spans; wJp gets one lane per copy, which the caller sums. The second-order product
/// JvpVjp gets a lane kernel too when its program runs on lanes (a flow's Hutchinson trace needs it); it adds into
/// hy and hp as VjpAccumulate adds into wJy and wJp.
/// </summary>
internal static class LaneKernels
{
    private const string Lanes = "global::System.ReadOnlySpan<Vector<double>>";
    private const string LaneOutputs = "global::System.Span<Vector<double>>";
    private const string ReadOnlySpan = GeneratedFile.ReadOnlySpan;

    /// <summary>The programs and their lane types (the second-order one may be missing), or the reason the system has no lane kernels.</summary>
    public sealed record Plan(DerivativeProgram Forward, LaneTypes ForwardTypes, DerivativeProgram Jvp, LaneTypes JvpTypes, DerivativeProgram Vjp, LaneTypes VjpTypes,
        DerivativeProgram? JvpVjp, LaneTypes? JvpVjpTypes, Pair? Pairs);

    /// <summary>Forward and VjpAccumulate widened to two lane groups (<see cref="LaneGroups"/>), for programs with weights.</summary>
    public sealed record Pair(DerivativeProgram Forward, LaneTypes ForwardTypes, DerivativeProgram Vjp, LaneTypes VjpTypes);

    public static Plan? For(DerivativeModel derivatives, out string? reason, out int culprit)
    {
        culprit = -1;
        reason = "it has no forward program or no accumulating VJP program";
        if (derivatives.Forward is null || (derivatives.VjpAccumulates ? derivatives.Vjp : derivatives.VjpAccumulate) is null) return null;
        var forward = Pipeline.OptimizeLanes(derivatives.Forward);
        var jvp = Pipeline.OptimizeLanes(derivatives.Jvp);
        var vjp = Pipeline.OptimizeLanes(derivatives.VjpAccumulates ? derivatives.Vjp : derivatives.VjpAccumulate!);
        var forwardTypes = LaneTypes.Of(forward, out reason, out culprit);
        var jvpTypes = forwardTypes is null ? null : LaneTypes.Of(jvp, out reason, out culprit);
        var vjpTypes = jvpTypes is null ? null : LaneTypes.Of(vjp, out reason, out culprit);
        if (vjpTypes is null) return null;
        var secondOrder = derivatives.VjpAccumulates ? derivatives.JvpVjp : derivatives.JvpVjpAccumulate;
        var jvpVjp = secondOrder is null ? null : Pipeline.OptimizeLanes(secondOrder);
        var jvpVjpTypes = jvpVjp is null ? null : LaneTypes.Of(jvpVjp, out _, out _);
        return new Plan(forward, forwardTypes!, jvp, jvpTypes!, vjp, vjpTypes, jvpVjpTypes is null ? null : jvpVjp, jvpVjpTypes, PairsOf(forward, forwardTypes!, vjp, vjpTypes));
    }

    private static Pair? PairsOf(DerivativeProgram forward, LaneTypes forwardTypes, DerivativeProgram vjp, LaneTypes vjpTypes)
    {
        var forwardPair = LaneGroups.Widen(forward, forwardTypes);
        var vjpPair = forwardPair is null ? null : LaneGroups.Widen(vjp, vjpTypes);
        if (vjpPair is null) return null;
        var forwardPairTypes = LaneTypes.Of(forwardPair!, out _, out _);
        var vjpPairTypes = LaneTypes.Of(vjpPair, out _, out _);
        return forwardPairTypes is null || vjpPairTypes is null ? null : new Pair(forwardPair!, forwardPairTypes, vjpPair, vjpPairTypes);
    }

    public static void Emit(CodeWriter w, DerivativeModel derivatives, Plan plan, string[] reserved)
    {
        w.Line("/// <inheritdoc/>");
        w.Line("public bool HasLanes => true;");
        w.Line();
        Method(w, derivatives, plan.Forward, plan.ForwardTypes, reserved, guardsOutput: false,
            "public void ForwardLanes(double t, " + Lanes + " y, " + ReadOnlySpan + " p, " + LaneOutputs + " dy)");
        w.Line();
        Method(w, derivatives, plan.Jvp, plan.JvpTypes, reserved, guardsOutput: true,
            "public void JvpLanes(double t, " + Lanes + " y, " + ReadOnlySpan + " p, " + Lanes + " vy, " + ReadOnlySpan + " vp, double vt, " + LaneOutputs + " dy, " + LaneOutputs + " jv)");
        w.Line();
        Method(w, derivatives, plan.Vjp, plan.VjpTypes, reserved, guardsOutput: true,
            "public Vector<double> VjpAccumulateLanes(double t, " + Lanes + " y, " + ReadOnlySpan + " p, " + Lanes + " w, " + LaneOutputs + " dy, " + LaneOutputs + " wJy, " + LaneOutputs + " wJp)");
        if (plan.Pairs is { } pairs)
        {
            w.Line();
            w.Line("/// <inheritdoc/>");
            w.Line("public bool HasLanePairs => true;");
            w.Line();
            Method(w, derivatives, pairs.Forward, pairs.ForwardTypes, reserved, guardsOutput: false,
                "public void ForwardLanePair(double t, " + Lanes + " y, " + ReadOnlySpan + " p, " + LaneOutputs + " dy)");
            w.Line();
            Method(w, derivatives, pairs.Vjp, pairs.VjpTypes, reserved, guardsOutput: true,
                "public Vector<double> VjpAccumulateLanePair(double t, " + Lanes + " y, " + ReadOnlySpan + " p, " + Lanes + " w, " + LaneOutputs + " dy, " + LaneOutputs + " wJy, " + LaneOutputs + " wJp)");
        }
        if (plan.JvpVjp is not { } jvpVjp) return;
        w.Line();
        w.Line("/// <inheritdoc/>");
        w.Line("public bool HasSecondOrderLanes => true;");
        w.Line();
        Method(w, derivatives, jvpVjp, plan.JvpVjpTypes!, reserved, guardsOutput: true,
            "public void JvpVjpAccumulateLanes(double t, " + Lanes + " y, " + ReadOnlySpan + " p, " + Lanes + " vy, " + ReadOnlySpan + " vp, double vt, " + Lanes + " w, " + LaneOutputs + " jv, " + LaneOutputs + " hy, " + LaneOutputs + " hp)",
            SpanNames.SecondOrder);
    }

    /// <summary>
    /// A span layer's lane kernels: Forward, Jvp and VjpAccumulate on <c>Vector&lt;double&gt;.Count</c> inputs at once,
    /// each a lane; wJp gets one lane per input, which the caller sums (<c>DifferentiableBatch</c>).
    /// </summary>
    public static void EmitLayer(CodeWriter w, DerivativeModel derivatives, Plan plan, string[] reserved)
    {
        w.Line("/// <inheritdoc/>");
        w.Line("public bool HasLanes => true;");
        w.Line();
        Method(w, derivatives, plan.Forward, plan.ForwardTypes, reserved, guardsOutput: false,
            "public void ForwardLanes(" + Lanes + " x, " + ReadOnlySpan + " p, " + LaneOutputs + " y)", SpanNames.Layer);
        w.Line();
        Method(w, derivatives, plan.Jvp, plan.JvpTypes, reserved, guardsOutput: true,
            "public void JvpLanes(" + Lanes + " x, " + ReadOnlySpan + " p, " + Lanes + " vx, " + ReadOnlySpan + " vp, " + LaneOutputs + " y, " + LaneOutputs + " jv)", SpanNames.Layer);
        w.Line();
        Method(w, derivatives, plan.Vjp, plan.VjpTypes, reserved, guardsOutput: true,
            "public void VjpAccumulateLanes(" + Lanes + " x, " + ReadOnlySpan + " p, " + Lanes + " w, " + LaneOutputs + " y, " + LaneOutputs + " wJx, " + LaneOutputs + " wJp)", SpanNames.Layer);
    }

    /// <summary>ODE0020 for a system or layer without lane kernels: at the construct responsible (at the method when no construct is).</summary>
    public static DiagnosticInfo NoLanesDiagnostic(DynamicsModel model, string reason, int culprit)
    {
        var site = model.Program.Sites.AsImmutableArray().FirstOrDefault(s => s.Node == culprit);
        var (path, span, lineSpan) = site is null ? (model.Location.FilePath, model.Location.Span, model.Location.LineSpan) : (site.FilePath, site.Span, site.LineSpan);
        return new DiagnosticInfo(Descriptors.BatchCopyByCopy.Id, path, span, lineSpan, new[] { model.MethodName, reason }.ToEquatableArray());
    }

    private static void Method(CodeWriter w, DerivativeModel derivatives, DerivativeProgram program, LaneTypes types, string[] reserved, bool guardsOutput, string signature,
        SpanNames? spans = null)
    {
        var model = derivatives.Source;
        w.Line("/// <inheritdoc/>");
        w.Open(signature);
        var names = new NameTable(reserved.Concat(new[] { model.MethodName, model.StructName, "StateJvp", "ParameterJvp", "VjpAccumulate", "Vector" }), model.UserNames);
        new ProgramEmitter(program, model.Program.Nodes.Count, model.Program.Arrays.Count, names, spans ?? SpanNames.Standard, w, model.SkipsLocalsInit, types, guardsOutput).Emit();
        w.Close();
    }
}
