using Microsoft.CodeAnalysis;

namespace OdeGen.Generator.Diagnostics;

/// <summary>Every diagnostic the generator reports. Each message says what to write instead.</summary>
internal static class Descriptors
{
    private const string Category = "OdeGen";

    public static readonly DiagnosticDescriptor WrongSignature = new(
        "ODE0001", "Wrong signature for an [OdeDynamics] method",
        "'{0}' has the wrong signature for [OdeDynamics]: {1}. Write 'static void {0}(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)', or without 'p' for a system without parameters.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TypeNotPartial = new(
        "ODE0002", "Containing type must be partial",
        "'{0}' must be declared 'partial' so that the generator can add '{1}' to it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedStatement = new(
        "ODE0003", "Unsupported statement",
        "{0} cannot be differentiated here: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedExpression = new(
        "ODE0004", "Unsupported expression",
        "{0} cannot be differentiated: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedCall = new(
        "ODE0005", "Unsupported call",
        "The call to '{0}' cannot be differentiated: use a System.Math function (Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Sinh, Cosh, Tanh, Exp, Log, Log10, Sqrt, Cbrt, Pow, Abs, Min, Max, Sign, Floor, Ceiling) or a static method marked [Differentiable]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor SizeNotInferable = new(
        "ODE0006", "Size cannot be inferred",
        "The {0} of '{1}' cannot be inferred: {2}. Set it on the attribute: [OdeDynamics({3} = n)].",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor AssignmentToInput = new(
        "ODE0007", "Assignment to an input",
        "'{0}' is an input and cannot be assigned: copy it into a local ('double x = {0};') and change the local",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor HeapAllocation = new(
        "ODE0008", "Heap allocation in dynamics",
        "{0} allocates on the heap on every evaluation: use double locals, or a 'stackalloc' span for scratch space",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NonSmoothFunction = new(
        "ODE0009", "Non-smooth function",
        "Math.{0} has a kink or jump: its derivative is taken as {1}, and adaptive solvers may take tiny steps where the argument crosses it. Prefer a smooth form (for example Math.Sqrt(x * x + eps) for Abs) if this matters.",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor IndexOutOfRange = new(
        "ODE0010", "Index out of range",
        "'{0}[{1}]' is outside the {2} of {3}: use an index from 0 to {4}, or change the size on the attribute",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OutputNotAssigned = new(
        "ODE0011", "Output not assigned",
        "'{0}[{1}]' is not assigned on every path: assign it once in every branch (write '{0}[{1}] = 0;' for a constant state)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OutputReadBeforeWrite = new(
        "ODE0012", "Output read before it is written",
        "'{0}[{1}]' is read before it is assigned: assign it first, or compute the value in a local",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NonConstantIndex = new(
        "ODE0013", "Index is not a compile-time constant",
        "The index '{0}' must be an int known at compile time in straight-line code: use a literal, a const, or an int local computed from them",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidHelper = new(
        "ODE0014", "Invalid [Differentiable] helper",
        "'{0}' cannot be used as a [Differentiable] helper: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateSystem = new(
        "ODE0015", "Duplicate dynamics name",
        "'{0}' is already declared {2}: give '{1}' a different name, or take the other declaration out of the compilation (a snapshot of generated code compiled into the project is one: <Compile Remove=\"**/*.verified.cs\" />)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OutputReadInLoops = new(
        "ODE0016", "Output read back in a method whose loops write it",
        "'{0}' is written in a loop, so it cannot be read back: keep the value in a local or a stackalloc span and read that",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ScratchReadTooEarly = new(
        "ODE0017", "Scratch span read before it is complete",
        "The span '{0}' is read before its last write, or in a loop that also writes it, but the reverse pass reads its final contents: fill it completely first (writes and += only), then read it in later code; use a second span for new values",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CarriedNotAccumulated = new(
        "ODE0018", "Loop-carried variable does not accumulate",
        "'{0}' carries a value from one iteration to the next other than by accumulating (+= or -=), so the reverse pass would need its value in every iteration: accumulate into it, or keep per-iteration values in a stackalloc span",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedTensorCall = new(
        "ODE0019", "Unsupported TensorPrimitives call",
        "'{0}' cannot be differentiated here: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BatchCopyByCopy = new(
        "ODE0020", "Batches of this system run copy by copy",
        "'{0}' gets no lane kernels, so a batch of it (BatchedSystem, DifferentiableBatch) runs its copies one by one instead of several per SIMD vector: {1}",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor WrongLayerSignature = new(
        "ODE0030", "Wrong signature for a [Differentiable] span layer",
        "'{0}' has the wrong signature for a [Differentiable] span layer: {1}. Write 'static void {0}(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y)', or without 'p' for a layer without parameters.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor LayerSizeMissing = new(
        "ODE0031", "Span layer without sizes",
        "The [Differentiable] span layer '{0}' does not declare its {1}: write [Differentiable(InputSize = n, OutputSize = m{2})]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InternalError = new(
        "ODE9999", "Internal generator error",
        "OdeGen could not process '{0}' ({1}); no code was generated for it. Please report this with the method's body.",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
