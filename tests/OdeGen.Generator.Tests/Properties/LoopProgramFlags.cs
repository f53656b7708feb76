namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Constructs the loop family keeps out of its programs because they hit a known generator bug. Each is off
/// until the bug is fixed; switching it on (and seeing LoopDynamicsPropertyTests pass) shows the fix.
/// </summary>
internal static class LoopProgramFlags
{
    /// <summary>
    /// <c>if (value condition) { h[i] = …; }</c> with no store in the else branch, overwriting an element
    /// stored earlier. Bug: SparsityInterpreter runs the then-branch of an if whose condition it cannot decide
    /// before it starts speculating (_speculation++ comes after Run(branch.Then)), so a plain store there
    /// replaces the element's dependencies instead of joining them, and JacobianYSparsity misses the
    /// dependencies of the path where the if is not taken (for <c>h[0] = y[0]; if (t &gt; 0.5) { h[0] = y[1]; }
    /// dy[0] = h[0];</c> row 0 is {1} instead of {0, 1}). Off: the store goes into the else branch, which is
    /// analysed correctly.
    /// </summary>
    public static readonly bool StoresInThenBranches = false;

    /// <summary>
    /// A running total that accumulates a product of a stored value with itself: <c>double a = Math.Tanh(…);
    /// h[i] = a; s += a * a;</c> (or <c>a * (-a)</c>, <c>a * (a + -0.0)</c>, which fold to it). Bug: the node
    /// <c>a * a</c> of a term accumulated into a loop-carried local is also the node tanh' = 1 - a * a builds,
    /// and the derivative code refers to the user's <c>product</c> without its definition being in place.
    /// Smallest reproducer: <c>double s = 0.0; for (int i = 0; i &lt; 1; i++) { double a = Math.Tanh(y[i]);
    /// s += a * a; } dy[0] = s;</c> gives CS0103 in the generated StateJvp (the primal s is dead there, so
    /// <c>product</c> is never declared, but <c>sDot += 2.0 * (a * ((1.0 - product) * vy[i]))</c> reads it);
    /// with a store into a span in the loop body (<c>h[i] = a;</c>) Jvp also computes
    /// <c>aDot = (1.0 - product) * vy[i]</c> before <c>double product = a * a;</c>: CS0841. The same happens
    /// with <c>double a = Math.Sin(y[i]); h[i] = a; s += Math.Cos(y[i]);</c> (CS0103, 'cos'). Off: the
    /// running totals of LoopPhases multiply the stored value by a factor that does not read it.
    /// </summary>
    public static readonly bool SquaresInAccumulations = false;

    /// <summary>
    /// Softplus written as <c>Math.Log(1.0 + Math.Exp(s))</c>, which overflows to infinity for s &gt; 709,
    /// harmless in the forward sweep when that value never reaches dy (an element nothing reads, or one
    /// overwritten later). Bug: Vjp still reverses every store into a scratch span, whether or not its value
    /// reaches dy, and multiplies the zero cotangent by the infinite derivative: NaN. Smallest reproducer:
    /// <c>Span&lt;double&gt; h = stackalloc double[1]; for (int i = 0; i &lt; 1; i++) { h[i] = Math.Exp(1000.0 * y[i]); }
    /// dy[0] = y[0];</c> at y = [1]: Vjp with w = [1] gives wJy = [NaN] (expected [1]; Jvp gives 1), from
    /// <c>wJy[i] += 1000.0 * (exp * expBar)</c> with exp = ∞ and expBar = 0. Off: softplus is written
    /// <c>Math.Log(1.0 + Math.Exp(-Math.Abs(s))) + Math.Max(s, 0.0)</c>, which does not overflow.
    /// </summary>
    public static readonly bool OverflowInDeadValues = false;
}
