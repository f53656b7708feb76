namespace OdeGen;

/// <summary>
/// Explicit midpoint rule (Runge 1895), order 2, fixed step (<see cref="SolverOptions.FixedStep"/>); cubic Hermite dense output.
/// </summary>
public sealed class Midpoint : ExplicitRungeKuttaSolver
{
    /// <summary>C. Runge (1895); HNW I, Sect. II.1, eq. (1.4).</summary>
    internal static readonly ButcherTableau Coefficients = new ButcherTableau(
        "Midpoint", "C. Runge, Math. Ann. 46 (1895) 167-178; HNW I, Sect. II.1, eq. (1.4)",
        order: 2, embeddedOrder: 0,
        c: [0.0, 0.5],
        a: [[], [0.5]],
        b: [0.0, 1.0],
        errorWeights: null).Checked();

    /// <summary>Creates the solver.</summary>
    public Midpoint() : base(Coefficients) { }
}
