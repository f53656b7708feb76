using System.Collections.Generic;
using OdeGen.Training.Tests.Systems;
using static OdeGen.Training.Tests.TestData;

namespace OdeGen.Training.Tests;

/// <summary>
/// Every gradient method and solver works on a <see cref="BatchedSystem{TSystem}"/>: the batched gradient
/// with respect to the shared parameters is the sum of the per-copy gradients, and each copy's initial
/// state gets its own. The README's batched fitting example runs as written.
/// </summary>
public class BatchedGradientTests
{
    private static readonly double[] P = { 1.5, 1.0, 3.0, 1.0 };
    private static readonly double[][] Y0s = { new[] { 1.0, 1.0 }, new[] { 2.0, 0.5 }, new[] { 0.5, 2.0 } };
    private static readonly double[] Times = { 0.5, 1.0, 1.5, 2.0 };

    public static TheoryData<string, string> Pairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in new[] { "Backsolve", "Interpolating", "Forward", "Discrete" })
        {
            foreach (var solver in new[] { "Dopri5", "Tsit5", "Rodas5P", "Rk4" })
            {
                // Backsolve and the discrete adjoint refuse Rodas5P by design (see the README's Gradients section).
                if (solver == "Rodas5P" && method is "Backsolve" or "Discrete") continue;
                data.Add(method, solver);
            }
        }
        return data;
    }

    private static SensitivityMethod Method(string name) => name switch
    {
        "Backsolve" => new BacksolveAdjoint(),
        "Interpolating" => new InterpolatingAdjoint(),
        "Forward" => new ForwardSensitivity(),
        _ => new DiscreteAdjoint(),
    };

    private static IOdeSolver Solver(string name) => name switch
    {
        "Dopri5" => new Dopri5(),
        "Tsit5" => new Tsit5(),
        "Rodas5P" => new Rodas5P(),
        _ => new Rk4(),
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void BatchedGradientIsTheSumOverCopies(string method, string solver)
    {
        var options = solver == "Rk4" ? new SolverOptions { FixedStep = 0.01 } : new SolverOptions { RelTol = 1e-10, AbsTol = 1e-12 };
        var inner = new LotkaVolterra.RhsSystem();
        var batch = new BatchedSystem<LotkaVolterra.RhsSystem>(inner, 3);
        double[] y0 = Y0s.SelectMany(y => y).ToArray();
        // A loss that weighs each copy, component and observation differently.
        LossGradient batched = (k, t, y, dLdy) => { for (int i = 0; i < y.Length; i++) dLdy[i] = y[i] * (1 + i) * (k + 1); };
        var g = Sensitivity.Gradient(batch, y0, P, 0, Times, batched, Method(method), Solver(solver), options);

        var sum = new double[P.Length];
        for (int b = 0; b < Y0s.Length; b++)
        {
            int copy = b;
            LossGradient single = (k, t, y, dLdy) => { for (int i = 0; i < y.Length; i++) dLdy[i] = y[i] * (1 + i + 2 * copy) * (k + 1); };
            var gc = Sensitivity.Gradient(inner, Y0s[b], P, 0, Times, single, Method(method), Solver(solver), options);
            for (int j = 0; j < P.Length; j++) sum[j] += gc.P[j];
            AssertClose(gc.Y0, g.Y0.AsSpan(2 * b, 2), 1e-6, "Y0 of copy " + b);
        }
        AssertClose(sum, g.P, 1e-6, method + "/" + solver + " P");
    }

    [Fact]
    public void ReadmeExampleRecoversTheParameters()
    {
        var batch = new BatchedSystem<LotkaVolterra.RhsSystem>(new LotkaVolterra.RhsSystem(), batchSize: 3);
        double[] y0 = { 1, 1, 2, 0.5, 0.5, 2 };
        double[] times = { 0.5, 1.0, 1.5, 2.0 };
        var solution = Ode.Solve(batch, y0, P, 0, 2, new Dopri5(), new SolverOptions { SaveAt = times, RelTol = 1e-10, AbsTol = 1e-12 });
        double[][] observed = Enumerable.Range(0, times.Length).Select(k => solution.State(k).ToArray()).ToArray();

        double[] p = { 1.2, 0.9, 3.3, 1.1 };
        var result = TrainingLoop.Run(p, new Adam(p.Length, learningRate: 0.02), (parameters, gradient) =>
        {
            double loss = 0;
            var g = Sensitivity.Gradient(batch, y0, parameters, t0: 0, times,
                (k, t, y, dLdy) => loss += Mse.Gradient(y, observed[k], dLdy),
                new InterpolatingAdjoint(), new Dopri5());
            g.P.CopyTo(gradient);
            return new StepResult(loss, g.ForwardStats.Nfe, g.BackwardStats.Nfe);
        }, new TrainingOptions { MaxIterations = 2000, TargetLoss = 1e-8 });

        Assert.Equal(StopReason.TargetLossReached, result.StopReason);
        AssertClose(P, p, 1e-3, "recovered parameters");
    }
}
