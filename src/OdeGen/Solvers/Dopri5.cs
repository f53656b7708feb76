namespace OdeGen;

/// <summary>
/// Dormand–Prince 5(4) pair (DOPRI5), adaptive, FSAL, with Hairer's 4th-order continuous extension.
/// Step control as in Hairer's dopri5.f: PI controller with beta = 0.04, safety 0.9, step ratio in [0.2, 10].
/// </summary>
public sealed class Dopri5 : ExplicitRungeKuttaSolver
{
    /// <summary>
    /// J.R. Dormand, P.J. Prince, "A family of embedded Runge–Kutta formulae", J. Comput. Appl. Math. 6 (1980) 19-26,
    /// Table 2 (RK5(4)7M); HNW I, Sect. II.5, Table 5.2. Dense output: HNW I, Sect. II.6, eq. (6.12) (Shampine 1986),
    /// coefficients d_i of dopri5.f.
    /// </summary>
    internal static readonly ButcherTableau Coefficients = new ButcherTableau(
        "Dopri5", "J.R. Dormand, P.J. Prince, J. Comput. Appl. Math. 6 (1980) 19-26, Table 2; HNW I, Table II.5.2",
        order: 5, embeddedOrder: 4,
        c: [0.0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1.0, 1.0],
        a:
        [
            [],
            [1.0 / 5],
            [3.0 / 40, 9.0 / 40],
            [44.0 / 45, -56.0 / 15, 32.0 / 9],
            [19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729],
            [9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656],
            [35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84],
        ],
        b: [35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0.0],
        // e = b - b̂ (dopri5.f E1..E7)
        errorWeights: [71.0 / 57600, 0.0, -71.0 / 16695, 71.0 / 1920, -17253.0 / 339200, 22.0 / 525, -1.0 / 40])
    {
        DenseForm = DenseForm.HairerNested,
        DenseCoefficients = 5,
        DenseStageSlots = 7,
        // Fifth coefficient vector h Σ d_i k_i (dopri5.f D1..D7); the first four are the Hermite ones.
        DenseWeights =
        [
            -12715105075.0 / 11282082432, 0.0, 87487479700.0 / 32700410799, -10690763975.0 / 1880347072,
            701980252875.0 / 199316789632, -1453857185.0 / 822651844, 69997945.0 / 29380423,
        ],
    }.Checked();

    /// <summary>Creates the solver.</summary>
    public Dopri5() : base(Coefficients) { }
}
