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
    /// Terms accumulated into a loop-carried local (<c>s += …</c>) that contain a node a derivative rule of an
    /// earlier value in the loop body also builds: <c>a * a</c> for tanh' = 1 - a * a, <c>Math.Cos(x)</c> for
    /// sin', <c>1 + x * x</c> for atan'. Bug: the derivative code refers to the user's node by name where the
    /// rule needs it, but the node is declared only where the accumulation is (CS0841), or, where the primal
    /// accumulation is dead (the StateJvp behind JacobianY needs only sDot), not at all (CS0103). Smallest
    /// reproducers, each in <c>[OdeDynamics(StateSize = 1)] Rhs(double t, ReadOnlySpan&lt;double&gt; y, Span&lt;double&gt; dy)</c>:
    /// <c>double s = 0.0; for (int i = 0; i &lt; 1; i++) { double a = Math.Tanh(y[i]); s += a * a; } dy[0] = s;</c>
    /// (CS0103 in StateJvp: <c>sDot += 2.0 * (a * ((1.0 - product) * vy[i]))</c>, product undeclared);
    /// the same with a store <c>h[i] = a;</c> in the loop (CS0841 in Jvp: <c>aDot = (1.0 - product) * vy[i]</c>
    /// before <c>double product = a * a;</c>); and, with p, <c>double s = 0.0; for (int i = 0; i &lt; 1; i++)
    /// { double a = t &gt; 0.5 ? Math.Sin(p[0]) : 0.0; s += (a + Math.Cos(p[0])) * y[0]; } dy[0] = s;</c>
    /// (CS0841 in Jvp, 'cos' used in the ?: region before the SinCos after it). The same terms stored into a
    /// span or dy instead of accumulated into a local compile. Off: accumulated terms multiply by a single read
    /// or a number (<see cref="LoopProgramGenerator"/>'s Factor), never by a random expression.
    /// </summary>
    public static readonly bool RuleNodesInAccumulatedTerms = false;

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
