using OdeGen.SensitivityTests.Systems;

namespace OdeGen.SensitivityTests.Support;

/// <summary>The test problems and their finite-difference gradients (computed once per test run).</summary>
public static class Problems
{
    public static readonly double[] LotkaVolterraY0 = [1.0, 1.0];
    public static readonly double[] LotkaVolterraP = [1.5, 1.0, 3.0, 1.0];
    public static readonly double[] LotkaVolterraTimes = Enumerable.Range(1, 20).Select(i => 0.5 * i).ToArray();

    public static readonly double[] LorenzY0 = [1.0, 1.0, 1.0];
    public static readonly double[] LorenzP = [10.0, 28.0, 8.0 / 3.0];
    public static readonly double[] LorenzTimes = [1.0];

    public static readonly double[] OscillatorY0 = [1.0, 0.0];
    public static readonly double[] OscillatorP = [4.0, 0.3, 1.7];
    public static readonly double[] OscillatorTimes = [0.7, 1.9, 3.0];
    public const double OscillatorT0 = 0.2;

    private static readonly Lazy<Reference> LotkaVolterraFd = new(() => Reference.FiniteDifferences(
        new LotkaVolterra.RhsSystem(), LotkaVolterraY0, LotkaVolterraP, 0.0, LotkaVolterraTimes, new Dop853(), 1e-13, 3e-4));

    private static readonly Lazy<Reference> LorenzFd = new(() => Reference.FiniteDifferences(
        new Lorenz.RhsSystem(), LorenzY0, LorenzP, 0.0, LorenzTimes, new Dop853(), 1e-13, 3e-4));

    private static readonly Lazy<Reference> OscillatorFd = new(() => Reference.FiniteDifferences(
        new ForcedOscillator.RhsSystem(), OscillatorY0, OscillatorP, OscillatorT0, OscillatorTimes, new Dop853(), 1e-13, 3e-4));

    public static Reference LotkaVolterraReference => LotkaVolterraFd.Value;
    public static Reference LorenzReference => LorenzFd.Value;
    public static Reference OscillatorReference => OscillatorFd.Value;

    public static GradientResult LotkaVolterraGradient(SensitivityMethod method, IOdeSolver solver, double tol)
        => OdeGen.Sensitivity.Gradient(new LotkaVolterra.RhsSystem(), LotkaVolterraY0, LotkaVolterraP, 0.0, LotkaVolterraTimes,
            SumOfSquares.Gradient, method, solver, new SolverOptions { RelTol = tol, AbsTol = tol });

    public static GradientResult LorenzGradient(SensitivityMethod method, IOdeSolver solver, double tol)
        => OdeGen.Sensitivity.Gradient(new Lorenz.RhsSystem(), LorenzY0, LorenzP, 0.0, LorenzTimes,
            SumOfSquares.Gradient, method, solver, new SolverOptions { RelTol = tol, AbsTol = tol });

    public static GradientResult OscillatorGradient(SensitivityMethod method, IOdeSolver solver, double tol)
        => OdeGen.Sensitivity.Gradient(new ForcedOscillator.RhsSystem(), OscillatorY0, OscillatorP, OscillatorT0, OscillatorTimes,
            SumOfSquares.Gradient, method, solver, new SolverOptions { RelTol = tol, AbsTol = tol });
}
