using System;

namespace OdeGen.Samples.Spiral;

/// <summary>The learned model's trajectory from the true initial state over the whole time span: the test of the fit.</summary>
public static class LearnedTrajectory
{
    /// <summary>
    /// The model's states at every sample time (<c>2 x Points</c>, row-major), or null when the learned dynamics
    /// cannot be integrated to the end (possible early in training).
    /// </summary>
    public static double[]? Predict(SpiralData data, ReadOnlySpan<double> p)
    {
        try
        {
            var solution = Ode.Solve(new SpiralMlp.RhsSystem(), SpiralData.InitialState, p, 0, SpiralData.EndTime, new Dopri5(),
                                     new SolverOptions { RelTol = SpiralData.RelTol, AbsTol = SpiralData.AbsTol, SaveAt = data.Times });
            var states = new double[2 * SpiralData.Points];
            for (int i = 0; i < SpiralData.Points; i++) solution.State(i).CopyTo(states.AsSpan(2 * i, 2));
            return states;
        }
        catch (OdeSolverException)
        {
            return null;
        }
    }

    /// <summary>Mean absolute error of the whole predicted trajectory (torchdiffeq's "Total Loss"); NaN without one.</summary>
    public static double Loss(SpiralData data, double[]? predicted)
    {
        if (predicted is null) return double.NaN;
        double sum = 0;
        for (int i = 0; i < SpiralData.Points; i++)
        {
            ReadOnlySpan<double> truth = data.State(i);
            sum += Math.Abs(predicted[2 * i] - truth[0]) + Math.Abs(predicted[2 * i + 1] - truth[1]);
        }
        return sum / (2 * SpiralData.Points);
    }
}
