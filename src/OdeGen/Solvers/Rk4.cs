namespace OdeGen;

/// <summary>
/// The classical 4th-order Runge–Kutta method, fixed step (<see cref="SolverOptions.FixedStep"/>); cubic Hermite dense output.
/// </summary>
public sealed class Rk4 : ExplicitRungeKuttaSolver
{
    /// <summary>W. Kutta (1901); HNW I, Sect. II.1, Table 1.2 (left).</summary>
    internal static readonly ButcherTableau Coefficients = new ButcherTableau(
        "Rk4", "W. Kutta, Z. Math. Phys. 46 (1901) 435-453; HNW I, Sect. II.1, Table 1.2",
        order: 4, embeddedOrder: 0,
        c: [0.0, 0.5, 0.5, 1.0],
        a: [[], [0.5], [0.0, 0.5], [0.0, 0.0, 1.0]],
        b: [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6],
        errorWeights: null).Checked();

    /// <summary>Creates the solver.</summary>
    public Rk4() : base(Coefficients) { }
}
