namespace OdeGen.Training.Tests.EndToEnd;

/// <summary>
/// A minimal differentiable solver for the end-to-end tests, generic over the system like the runtime's: explicit
/// Euler, <c>y_(k+1) = y_k + h f(t_k, y_k, p)</c>, and the exact gradient of its steps (the discrete adjoint),
/// <c>a_k = a_(k+1) + h a_(k+1)ᵀ ∂f/∂y + ∂L/∂y_k</c>, <c>∂L/∂p += h a_(k+1)ᵀ ∂f/∂p</c>, from the system's Vjp.
/// The loss is the MSE between the states at every <c>observeEvery</c>-th step and the targets, summed over
/// the observations.
/// </summary>
internal static class EulerAdjoint
{
    public static double[][] Trajectory<TSystem>(TSystem system, double[] y0, double[] p, double h, int steps) where TSystem : IOdeSystem
    {
        int n = system.StateSize;
        var states = new double[steps + 1][];
        states[0] = (double[])y0.Clone();
        var f = new double[n];
        for (int k = 0; k < steps; k++)
        {
            system.Forward(k * h, states[k], p, f);
            states[k + 1] = new double[n];
            for (int i = 0; i < n; i++) states[k + 1][i] = states[k][i] + h * f[i];
        }
        return states;
    }

    /// <summary>The loss, with its gradient with respect to p written into <paramref name="gradient"/>.</summary>
    public static double LossAndGradient<TSystem>(TSystem system, double[] y0, double[] p, double h, int steps, int observeEvery,
                                                  double[][] targets, Span<double> gradient) where TSystem : IOdeSystem
    {
        int n = system.StateSize, m = system.ParameterSize;
        var states = Trajectory(system, y0, p, h, steps);
        double loss = 0;
        var adjoint = new double[n];
        var dLdy = new double[n];
        var wJy = new double[n];
        var wJp = new double[m];
        gradient.Clear();
        for (int k = steps; k >= 0; k--)
        {
            if (k < steps)
            {
                // Through step k: y_(k+1) = y_k + h f(t_k, y_k, p).
                system.Vjp(k * h, states[k], p, adjoint, Span<double>.Empty, wJy, wJp);
                for (int i = 0; i < n; i++) adjoint[i] += h * wJy[i];
                for (int j = 0; j < m; j++) gradient[j] += h * wJp[j];
            }
            if (k % observeEvery == 0 && k > 0)
            {
                loss += Mse.Gradient(states[k], targets[k / observeEvery - 1], dLdy);
                for (int i = 0; i < n; i++) adjoint[i] += dLdy[i];
            }
        }
        return loss;
    }

    public static double[][] Observations<TSystem>(TSystem system, double[] y0, double[] p, double h, int steps, int observeEvery) where TSystem : IOdeSystem
    {
        var states = Trajectory(system, y0, p, h, steps);
        return Enumerable.Range(1, steps / observeEvery).Select(j => states[j * observeEvery]).ToArray();
    }
}
