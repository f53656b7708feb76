using OdeGen.Generator.Differentiation;

namespace OdeGen.Generator.Passes;

/// <summary>The IR passes every program goes through between differentiation and emission, in order.</summary>
internal static class Pipeline
{
    /// <summary>
    /// For per-copy code: reductions by their calls, then dead code, zeros a clear already wrote and dead scratch
    /// stores, then register blocking, then views of the weight rows the loops read.
    /// </summary>
    public static DerivativeProgram Optimize(DerivativeProgram program) =>
        RowViews.Apply(UnrollAndJam.Apply(DeadStores.Apply(ClearedZeroStores.Apply(DeadCode.Apply(ReductionCalls.Apply(program))))));

    /// <summary>For a lane kernel: the same without the reduction calls, which would sum across the copies.</summary>
    public static DerivativeProgram OptimizeLanes(DerivativeProgram program) =>
        RowViews.Apply(UnrollAndJam.Apply(DeadStores.Apply(ClearedZeroStores.Apply(DeadCode.Apply(program)))));
}
