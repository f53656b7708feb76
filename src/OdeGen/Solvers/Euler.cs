namespace OdeGen;

/// <summary>
/// Explicit (forward) Euler method, order 1, fixed step (<see cref="SolverOptions.FixedStep"/>); cubic Hermite dense output.
/// </summary>
public sealed class Euler : ExplicitRungeKuttaSolver
{
    /// <summary>L. Euler (1768); HNW I, Sect. I.7, eq. (7.3).</summary>
    internal static readonly ButcherTableau Coefficients = new ButcherTableau(
        "Euler", "L. Euler, Institutionum calculi integralis (1768); HNW I, Sect. I.7, eq. (7.3)",
        order: 1, embeddedOrder: 0,
        c: [0.0],
        a: [[]],
        b: [1.0],
        errorWeights: null).Checked();

    /// <summary>Creates the solver.</summary>
    public Euler() : base(Coefficients) { }
}
