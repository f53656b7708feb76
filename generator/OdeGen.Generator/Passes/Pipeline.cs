using OdeGen.Generator.Differentiation;

namespace OdeGen.Generator.Passes;

/// <summary>The IR passes every program goes through between differentiation and emission, in order.</summary>
internal static class Pipeline
{
    public static DerivativeProgram Optimize(DerivativeProgram program) => UnrollAndJam.Apply(DeadCode.Apply(program));
}
