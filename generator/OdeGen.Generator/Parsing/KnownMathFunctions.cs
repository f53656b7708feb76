using System.Collections.Generic;
using OdeGen.Generator.Ir;

namespace OdeGen.Generator.Parsing;

/// <summary>The <c>System.Math</c> methods a dynamics body may call, and the IR operation of each.</summary>
internal static class KnownMathFunctions
{
    private static readonly Dictionary<string, Op> Functions = new()
    {
        ["Sin"] = Op.Sin, ["Cos"] = Op.Cos, ["Tan"] = Op.Tan, ["Asin"] = Op.Asin, ["Acos"] = Op.Acos,
        ["Atan"] = Op.Atan, ["Atan2"] = Op.Atan2, ["Sinh"] = Op.Sinh, ["Cosh"] = Op.Cosh, ["Tanh"] = Op.Tanh,
        ["Exp"] = Op.Exp, ["Log"] = Op.Log, ["Log10"] = Op.Log10, ["Sqrt"] = Op.Sqrt, ["Cbrt"] = Op.Cbrt,
        ["Pow"] = Op.Pow, ["Abs"] = Op.Abs, ["Min"] = Op.Min, ["Max"] = Op.Max, ["Sign"] = Op.Sign,
        ["Floor"] = Op.Floor, ["Ceiling"] = Op.Ceiling,
    };

    public static bool TryGet(string name, int argumentCount, out Op op) =>
        Functions.TryGetValue(name, out op) && op.Arity() == argumentCount;

    /// <summary>Math.Log(double a, double newBase), which is no single operation: the parser writes it as ln a / ln newBase.</summary>
    public static bool IsLogWithBase(Microsoft.CodeAnalysis.IMethodSymbol method) =>
        method.Name == "Log" && method.Parameters.Length == 2
        && method.Parameters[0].Type.SpecialType == Microsoft.CodeAnalysis.SpecialType.System_Double
        && method.Parameters[1].Type.SpecialType == Microsoft.CodeAnalysis.SpecialType.System_Double;

    /// <summary>How the derivative of a non-smooth function is taken, for the ODE0009 warning.</summary>
    public static string DerivativeConvention(Op op) => op switch
    {
        Op.Abs => "Math.Sign(x) (0 at x = 0)",
        Op.Min => "that of the smaller argument (the first on a tie)",
        Op.Max => "that of the larger argument (the first on a tie)",
        _ => "zero",
    };
}
