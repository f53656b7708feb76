namespace OdeGen.SensitivityTests.Support;

/// <summary>The loss <c>L = Σ_k Σ_i y_i(t_k)²</c> of the tests, its cotangent callback, and its value by a plain solve.</summary>
public static class SumOfSquares
{
    public static readonly LossGradient Gradient = (int k, double t, ReadOnlySpan<double> y, Span<double> dLdy) =>
    {
        for (int i = 0; i < y.Length; i++) dLdy[i] = 2 * y[i];
    };

    public static double Loss<TSystem>(TSystem system, double[] y0, double[] p, double t0, double[] times, IOdeSolver solver, double tol)
        where TSystem : IOdeSystem
    {
        var options = new SolverOptions { RelTol = tol, AbsTol = tol, SaveAt = times, MaxSteps = 1_000_000 };
        var sol = Ode.Solve(system, y0, p, t0, times[^1], solver, options);
        double loss = 0;
        for (int k = 0; k < times.Length; k++)
            foreach (double v in sol.State(k)) loss += v * v;
        return loss;
    }
}
