using System;

namespace OdeGen;

/// <summary>
/// Rodas5P: an L-stable, stiffly accurate Rosenbrock method of order 5 (embedded order 4) with a 4th-order dense
/// output, for stiff problems. Uses the system's analytic <see cref="IOdeSystem.JacobianY"/> and
/// <see cref="IOdeSystem.TimeDerivative"/>; the iteration matrix is factorized in place (no allocation per step),
/// the Jacobian is evaluated once per accepted step and reused after rejections.
/// </summary>
public sealed class Rodas5P : IOdeSolver
{
    /// <summary>
    /// G. Steinebach, "Construction of Rosenbrock–Wanner method Rodas5P and numerical benchmarks within the Julia
    /// Differential Equations package", BIT Numer. Math. 63 (2023) 27, coefficients in the transformed form of
    /// HNW II, Sect. IV.7; copy-checked against OrdinaryDiffEq.jl's rosenbrock_tableaus.jl (Rodas5PTableau).
    /// Stages 7 and 8 add <c>k6</c> and <c>k7</c> to the stage-6 point (stiffly accurate construction); the error
    /// estimate is <c>k8</c>.
    /// </summary>
    internal static readonly RosenbrockTableau Coefficients = Build();

    /// <inheritdoc />
    public string Name => "Rodas5P";

    /// <inheritdoc />
    public int Order => 5;

    /// <inheritdoc />
    public bool IsAdaptive => true;

    /// <inheritdoc />
    public bool IsImplicit => true;

    /// <summary>
    /// Whether each stage solve gets one step of iterative refinement with the system's JVP (default true): it keeps
    /// the linear invariants of f that the assembled Jacobian's rounding breaks, at one JVP and one triangular solve
    /// per stage (see the README's "Stiff problems"; off, E5 ends 885 tolerance units from its reference at rtol 1e-8).
    /// </summary>
    public bool RefineStages { get; init; } = true;

    /// <inheritdoc />
    public override string ToString() => Name;

    OdeSolution IOdeSolver.Solve<TSystem>(TSystem system, ReadOnlySpan<double> y0, double[] p, double t0, double t1, SolverOptions options)
    {
        var rhs = new SystemRightHandSide<TSystem>(system, p, RefineStages ? new double[p.Length] : null);
        return RosenbrockDriver.Integrate(ref rhs, Coefficients, y0, t0, t1, options, RefineStages);
    }

    private static RosenbrockTableau Build()
    {
        const double a61 = -7.502846399306121, a62 = 2.561846144803919, a63 = -11.627539656261098,
            a64 = -0.18268767659942256, a65 = 0.030198172008377946;
        return new RosenbrockTableau("Rodas5P", order: 5, gamma: 0.21193756319429014,
            c: [0.0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1.0, 1.0, 1.0],
            d: [0.21193756319429014, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734, 2.325825639765069, 0.0, 0.0, 0.0],
            a:
            [
                [],
                [3.0],
                [2.849394379747939, 0.45842242204463923],
                [-6.954028509809101, 2.489845061869568, -10.358996098473584],
                [2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641],
                [a61, a62, a63, a64, a65],
                [a61, a62, a63, a64, a65, 1.0],
                [a61, a62, a63, a64, a65, 1.0, 1.0],
            ],
            cc:
            [
                [],
                [-14.155112264123755],
                [-17.97296035885952, -2.859693295451294],
                [147.12150275711716, -1.41221402718213, 71.68940251302358],
                [165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306],
                [24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471],
                [30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623, -28.087943162872662],
                [37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002, -54.66780262877968, -9.48861652309627],
            ],
            b: [a61, a62, a63, a64, a65, 1.0, 1.0, 1.0],
            e: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0],
            h:
            [
                [25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204, 0.524948541321073,
                    1.1241088310450404, 0.4272876194431874, -0.17202221070155493],
                [-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796, 20.176138334709044,
                    15.98066361424651, -6.789040303419874, -6.710236069923372],
                [11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643, -52.072871366152654,
                    -59.78993625266729, -0.15582684282751913, 4.883087185713722],
            ]);
    }
}
