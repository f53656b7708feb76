using OdeGen.Training.Tests.Systems;
using static OdeGen.Training.Tests.TestData;

namespace OdeGen.Training.Tests.EndToEnd;

/// <summary>
/// The pieces together: a batch of Lotka–Volterra trajectories sharing one parameter vector, differentiated through
/// <see cref="BatchedSystem{TSystem}"/>'s summed VJP and fitted with <see cref="Adam"/> in a <see cref="TrainingLoop"/>.
/// </summary>
public class BatchedTrainingTests
{
    private const double H = 0.01;
    private const int Steps = 300, ObserveEvery = 30;
    private static readonly double[] TrueParameters = { 1.5, 1.0, 3.0, 1.0 };
    private static readonly double[][] InitialStates = { new[] { 1.0, 1.0 }, new[] { 2.0, 0.5 }, new[] { 0.5, 2.0 } };

    [Fact]
    public void BatchedGradientIsTheSumOfPerTrajectoryGradientsAndMatchesDifferences()
    {
        var inner = new LotkaVolterra.RhsSystem();
        var batched = new BatchedSystem<LotkaVolterra.RhsSystem>(inner, InitialStates.Length);
        double[] y0 = InitialStates.SelectMany(y => y).ToArray();
        double[][] targets = EulerAdjoint.Observations(batched, y0, TrueParameters, H, Steps, ObserveEvery);
        double[] p = { 1.2, 0.9, 3.3, 1.1 };

        var gradient = new double[4];
        double loss = EulerAdjoint.LossAndGradient(batched, y0, p, H, Steps, ObserveEvery, targets, gradient);

        // Per trajectory with the inner system: the batched MSE over 3n entries is the mean of the per-copy MSEs.
        double perCopyLoss = 0;
        var perCopyGradient = new double[4];
        var copyGradient = new double[4];
        for (int b = 0; b < InitialStates.Length; b++)
        {
            var copyTargets = targets.Select(t => t.AsSpan(2 * b, 2).ToArray()).ToArray();
            perCopyLoss += EulerAdjoint.LossAndGradient(inner, InitialStates[b], p, H, Steps, ObserveEvery, copyTargets, copyGradient) / InitialStates.Length;
            for (int j = 0; j < 4; j++) perCopyGradient[j] += copyGradient[j] / InitialStates.Length;
        }
        AssertClose(perCopyLoss, loss, 1e-13, "loss");
        AssertClose(perCopyGradient, gradient, 1e-12, "gradient against the per-copy sum");

        // Against central differences of the batched loss.
        const double h = 1e-5;
        for (int j = 0; j < 4; j++)
        {
            double[] plus = (double[])p.Clone(), minus = (double[])p.Clone();
            plus[j] += h;
            minus[j] -= h;
            double fd = (EulerAdjoint.LossAndGradient(batched, y0, plus, H, Steps, ObserveEvery, targets, new double[4])
                       - EulerAdjoint.LossAndGradient(batched, y0, minus, H, Steps, ObserveEvery, targets, new double[4])) / (2 * h);
            AssertClose(fd, gradient[j], 1e-6, $"dL/dp[{j}] against central differences");
        }
    }

    [Fact]
    public void AdamRecoversTheParametersFromABatchOfTrajectories()
    {
        var batched = new BatchedSystem<LotkaVolterra.RhsSystem>(new LotkaVolterra.RhsSystem(), InitialStates.Length);
        double[] y0 = InitialStates.SelectMany(y => y).ToArray();
        double[][] targets = EulerAdjoint.Observations(batched, y0, TrueParameters, H, Steps, ObserveEvery);
        double[] p = { 1.2, 0.9, 3.3, 1.1 };

        var result = TrainingLoop.Run(p, new Adam(4, learningRate: 0.02),
            (parameters, gradient) => new StepResult(
                EulerAdjoint.LossAndGradient(batched, y0, parameters.ToArray(), H, Steps, ObserveEvery, targets, gradient),
                ForwardEvaluations: Steps, BackwardEvaluations: Steps),
            new TrainingOptions { MaxIterations = 3000, TargetLoss = 1e-10 });

        Assert.Equal(StopReason.TargetLossReached, result.StopReason);
        Assert.Equal(result.Iterations * (long)Steps, result.TotalForwardEvaluations);
        Assert.True(result.History[0].Loss > 1e-3, $"initial loss {result.History[0].Loss}");
        for (int j = 0; j < 4; j++) Assert.Equal(TrueParameters[j], p[j], 3);
    }
}
