namespace OdeGen;

/// <summary>
/// Bogacki–Shampine 3(2) pair, adaptive, FSAL (MATLAB's ode23); cubic Hermite dense output.
/// </summary>
public sealed class Bosh3 : ExplicitRungeKuttaSolver
{
    /// <summary>
    /// P. Bogacki, L.F. Shampine, "A 3(2) pair of Runge–Kutta formulas", Appl. Math. Lett. 2(4) (1989) 321-325,
    /// eq. (2): b = (2/9, 1/3, 4/9, 0), b̂ = (7/24, 1/4, 1/3, 1/8).
    /// </summary>
    internal static readonly ButcherTableau Coefficients = new ButcherTableau(
        "Bosh3", "P. Bogacki, L.F. Shampine, Appl. Math. Lett. 2(4) (1989) 321-325",
        order: 3, embeddedOrder: 2,
        c: [0.0, 0.5, 0.75, 1.0],
        a: [[], [0.5], [0.0, 0.75], [2.0 / 9, 1.0 / 3, 4.0 / 9]],
        b: [2.0 / 9, 1.0 / 3, 4.0 / 9, 0.0],
        // e = b - b̂
        errorWeights: [2.0 / 9 - 7.0 / 24, 1.0 / 3 - 1.0 / 4, 4.0 / 9 - 1.0 / 3, -1.0 / 8]).Checked();

    /// <summary>Creates the solver.</summary>
    public Bosh3() : base(Coefficients) { }
}
