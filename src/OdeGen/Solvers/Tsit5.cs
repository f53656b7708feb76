namespace OdeGen;

/// <summary>
/// Tsitouras 5(4) pair, adaptive, FSAL, with its own 4th-order interpolant (the <c>b_i(θ)</c> polynomials).
/// </summary>
public sealed class Tsit5 : ExplicitRungeKuttaSolver
{
    /// <summary>
    /// Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first column simplifying assumption",
    /// Comput. Math. Appl. 62 (2011) 770-775, Table 1 (coefficients, to double precision) and Sect. 3 (continuous
    /// extension b_i(θ), expanded in powers of θ). Copy-checked against OrdinaryDiffEq.jl's tsit_tableaus.jl.
    /// </summary>
    internal static readonly ButcherTableau Coefficients = new ButcherTableau(
        "Tsit5", "Ch. Tsitouras, Comput. Math. Appl. 62 (2011) 770-775, Table 1",
        order: 5, embeddedOrder: 4,
        c: [0.0, 0.161, 0.327, 0.9, 0.9800255409045096857, 1.0, 1.0],
        a:
        [
            [],
            [0.161],
            [-0.008480655492356988544, 0.3354806554923569885],
            [2.897153057105493432, -6.359448489975074843, 4.362295432869581411],
            [5.325864828439256604, -11.74888356406282787, 7.495539342889836208, -0.09249506636175524925],
            [5.861455442946420028, -12.92096931784710929, 8.159367898576158643, -0.07158497328140099722, -0.02826905039406838290],
            [0.09646076681806522951, 0.01, 0.4798896504144995747, 1.379008574103741893, -3.290069515436080679, 2.324710524099773982],
        ],
        b: [0.09646076681806522951, 0.01, 0.4798896504144995747, 1.379008574103741893, -3.290069515436080679, 2.324710524099773982, 0.0],
        // e = b - b̂
        errorWeights:
        [
            -0.001780011052225771443, -0.0008164344596567469032, 0.007880878010261996010, -0.1447110071732629075,
            0.5823571654525552250, -0.4580821059291869466, 1.0 / 66,
        ])
    {
        DenseForm = DenseForm.Power,
        DenseCoefficients = 5,
        DenseStageSlots = 7,
        // Rows: coefficient of θ, θ², θ³, θ⁴ in b_i(θ), i = 1..7 (b_i(1) = b_i).
        DenseWeights =
        [
            1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
            -2.763706197274826, 0.13169999999999998, 3.9302962368947516, -12.411077166933676, 37.50931341651104, -27.896526289197286, 1.5,
            2.9132554618219126, -0.2234, -5.941033872131505, 30.33818863028232, -88.1789048947664, 65.09189467479366, -4.0,
            -1.0530884977290216, 0.1017, 2.490627285651253, -16.548102889244902, 47.37952196281928, -34.87065786149661, 2.5,
        ],
    }.Checked();

    /// <summary>Creates the solver.</summary>
    public Tsit5() : base(Coefficients) { }
}
