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
    Phi,            // a value merged from the two branches of an If; defined by that If

    // Arithmetic
    Neg,
    Add,
    Sub,
    Mul,
    Div,

    // Math functions of one argument
    Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Exp, Log, Log10, Sqrt, Cbrt,
    Abs, Sign, Floor, Ceiling,

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

    public static int Arity(this Op op) => op switch
    {
        _ when op.IsLeaf() => 0,
        Op.Select => 3,
        Op.Add or Op.Sub or Op.Mul or Op.Div or Op.Pow or Op.Atan2 or Op.Min or Op.Max => 2,
        Op.Less or Op.LessOrEqual or Op.Greater or Op.GreaterOrEqual or Op.Equal or Op.NotEqual => 2,
        Op.And or Op.Or => 2,
        _ => 1,
    };

    /// <summary>Functions with kinks or jumps: differentiable almost everywhere, but not at the kink.</summary>
    public static bool IsNonSmooth(this Op op) =>
        op is Op.Abs or Op.Sign or Op.Floor or Op.Ceiling or Op.Min or Op.Max;

    /// <summary>Piecewise constant: its derivative is zero wherever it exists.</summary>
    public static bool IsPiecewiseConstant(this Op op) => op is Op.Sign or Op.Floor or Op.Ceiling;

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
        Op.Phi => "merged",
        _ when op.IsBoolean() => "condition",
        _ => (op.MathName() ?? "value").ToLowerInvariant(),
    };
}
