namespace OdeGen.Generator.Ir;

/// <summary>The operations of the IR. Leaves read inputs; the rest are pure functions of their arguments.</summary>
internal enum Op
{
    // Leaves
    Const,
    Time,
    State,          // y[Index]
    Parameter,      // p[Index]
    TangentState,   // vy[Index]
    TangentParameter, // vp[Index]
    TangentTime,    // vt
    Cotangent,      // w[Index]
    Accumulator,    // the final value of accumulator variable Index (reverse mode across regions)
    IntConst,       // an int constant (Value)
    LoopIndex,      // the induction variable of a For loop (int); defined by that For
    Running,        // the value of a loop-carried variable at the start of an iteration; defined by its For
    Phi,            // a value merged from two paths (the branches of an If, or the exit of a For); defined by that statement

    // Memory
    Load,           // element A (an int node) of array Index
    AdjointLoad,    // element A of adjoint array Index, read at this point of the reverse sweep (never shared or moved)

    // Int arithmetic on indices
    IntAdd,
    IntSub,
    IntMul,
    IntDiv,
    IntRem,
    ToDouble,       // (double)A for an int A

    // Arithmetic
    Neg,
    Add,
    Sub,
    Mul,
    Div,

    // Math functions of one argument
    Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Exp, Log, Log10, Sqrt, Cbrt,
    Abs, Sign, Floor, Ceiling,

    // The logistic function 1 / (1 + e^-x): only from TensorPrimitives.Sigmoid, which System.Math lacks
    Sigmoid,

    // Math functions of two arguments
    Pow, Atan2, Min, Max,

    // Booleans (conditions of Select and If)
    Less, LessOrEqual, Greater, GreaterOrEqual, Equal, NotEqual,
    And, Or, Not,

    // cond ? a : b
    Select,
}

internal static class OpFacts
{
    public static bool IsLeaf(this Op op) => op <= Op.Phi;

    public static bool IsBoolean(this Op op) => op >= Op.Less && op <= Op.Not;

    /// <summary>Operations whose value is an int (indices); they have no derivative.</summary>
    public static bool IsInt(this Op op) => op is Op.IntConst or Op.LoopIndex or Op.Sign or (>= Op.IntAdd and <= Op.IntRem);

    /// <summary>Neither a derivative nor a cotangent flows through these.</summary>
    public static bool IsNonDifferentiable(this Op op) => op.IsBoolean() || op.IsInt();

    public static int Arity(this Op op) => op switch
    {
        _ when op.IsLeaf() => 0,
        Op.Select => 3,
        Op.Add or Op.Sub or Op.Mul or Op.Div or Op.Pow or Op.Atan2 or Op.Min or Op.Max => 2,
        Op.IntAdd or Op.IntSub or Op.IntMul or Op.IntDiv or Op.IntRem => 2,
        Op.Load or Op.AdjointLoad or Op.ToDouble => 1,
        Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual or Op.Equal or Op.NotEqual => 2,
        Op.And or Op.Or => 2,
        _ => 1,
    };

    /// <summary>Functions with kinks or jumps: differentiable almost everywhere, but not at the kink.</summary>
    public static bool IsNonSmooth(this Op op) =>
        op is Op.Abs or Op.Sign or Op.Floor or Op.Ceiling or Op.Min or Op.Max;

    /// <summary>The <c>System.Math</c> method that computes the operation, for the function ops.</summary>
    public static string? MathName(this Op op) => op switch
    {
        Op.Sin => "Sin", Op.Cos => "Cos", Op.Tan => "Tan", Op.Asin => "Asin", Op.Acos => "Acos",
        Op.Atan => "Atan", Op.Sinh => "Sinh", Op.Cosh => "Cosh", Op.Tanh => "Tanh", Op.Exp => "Exp",
        Op.Log => "Log", Op.Log10 => "Log10", Op.Sqrt => "Sqrt", Op.Cbrt => "Cbrt", Op.Abs => "Abs",
        Op.Sign => "Sign", Op.Floor => "Floor", Op.Ceiling => "Ceiling", Op.Pow => "Pow",
        Op.Atan2 => "Atan2", Op.Min => "Min", Op.Max => "Max",
        _ => null,
    };

    /// <summary>A readable variable name for an unnamed value computed by the operation.</summary>
    public static string BaseName(this Op op) => op switch
    {
        Op.Add => "sum",
        Op.Sub => "difference",
        Op.Mul => "product",
        Op.Div => "quotient",
        Op.Neg => "negated",
        Op.Select => "choice",
        Op.Sigmoid => "sigmoid",
        Op.Phi => "merged",
        Op.Load => "element",
        Op.AdjointLoad => "elementBar",
        Op.ToDouble => "index",
        _ when op.IsInt() => "index",
        _ when op.IsBoolean() => "condition",
        _ => (op.MathName() ?? "value").ToLowerInvariant(),
    };
}
