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
    /// A loop body that, after a store, computes a node that a derivative rule of an earlier value also builds:
    /// <c>double a = Math.Tanh(y[i]); dy[i] = a; s += a * a;</c> (tanh' = 1 - a * a). Bug: the generated Jvp
    /// (and the other derivative methods) compute <c>aDot = (1.0 - product) * vy[i]</c> before the store,
    /// with <c>product</c> the user's <c>a * a</c>, which is only declared after the store: CS0841 (or
    /// CS0103 when s is never read). Off: the running totals of LoopPhases never square the stored value.
    /// </summary>
    public static readonly bool RuleNodesAfterStores = false;
}
