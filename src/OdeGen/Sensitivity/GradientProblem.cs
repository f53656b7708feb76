using System;
using System.Collections.Generic;

namespace OdeGen;

/// <summary>
/// The validated inputs of one gradient call, and the pieces every method shares: the observation cotangents
/// from the user's <see cref="LossGradient"/>, <c>dL/dt_k</c>, and the options of each pass.
/// </summary>
internal sealed class GradientProblem<TSystem> where TSystem : IOdeSystem
{
    public GradientProblem(TSystem system, double[] y0, double[] p, double t0, double[] times, LossGradient loss,
        IOdeSolver solver, SolverOptions options)
    {
        System = system;
        Y0 = y0;
        P = p;
        T0 = t0;
        Times = times;
        Loss = loss;
        Solver = solver;
        Options = options;
        N = system.StateSize;
        M = system.ParameterSize;
    }

    public TSystem System { get; }
    public double[] Y0 { get; }
    public double[] P { get; }
    public double T0 { get; }

    /// <summary>Observation times, strictly increasing, the first at or after <see cref="T0"/>.</summary>
    public double[] Times { get; }

    /// <summary>The last observation time: where the forward pass ends and the backward pass starts.</summary>
    public double TN => Times[^1];

    public LossGradient Loss { get; }
    public IOdeSolver Solver { get; }
    public SolverOptions Options { get; }
    public int N { get; }
    public int M { get; }
    public int K => Times.Length;

    /// <summary>
    /// Asks the loss for <c>dL/dy(t_k)</c> at every observation (in order, once each) into <paramref name="cotangents"/>
    /// (<c>K x N</c>) and fills <c>dL/dt_k = dL/dy(t_k) · f(t_k, y(t_k))</c> into <paramref name="result"/>, whose
    /// states must already hold <c>y(t_k)</c>.
    /// </summary>
    public void ObservationCotangents(GradientResult result, double[] cotangents)
    {
        var f = new double[N];
        for (int k = 0; k < K; k++)
        {
            var y = result.States(k);
            var dLdy = cotangents.AsSpan(k * N, N);
            dLdy.Clear();
            try
            {
                Loss(k, Times[k], y, dLdy);
            }
            catch (IndexOutOfRangeException e)
            {
                throw new ArgumentException(
                    $"The loss gradient callback indexed past an array at observation {k}: dLdy and y have the system's state size {N}.", "dLdy", e);
            }
            for (int i = 0; i < N; i++)
                if (!double.IsFinite(dLdy[i]))
                    throw new ArgumentException($"The loss gradient callback wrote dLdy[{i}] = {dLdy[i]} at observation {k} (t = {Times[k]}); it must be finite.", "dLdy");
            System.Forward(Times[k], y, P, f);
            result.Times[k] = Dot(dLdy, f);
        }
    }

    /// <summary>
    /// Options of a forward solve: the user's, with the given output times and dense output choice (into
    /// <paramref name="storage"/> when given and compatible).
    /// </summary>
    public SolverOptions ForwardOptions(IReadOnlyList<double>? saveAt, bool dense, DenseTrajectory? storage = null) => new()
    {
        DenseStorage = storage,
        RelTol = Options.RelTol,
        AbsTol = Options.AbsTol,
        SaveAt = saveAt,
        Dense = dense,
        FixedStep = Options.FixedStep,
        InitialStep = Options.InitialStep,
        MaxStep = Options.MaxStep,
        MaxSteps = Options.MaxSteps,
        CancellationToken = Options.CancellationToken,
    };

    /// <summary>
    /// Options of one backward segment: the method's tolerances (default the forward ones), only the end point
    /// reported, no dense output, <paramref name="normComponents"/> leading components in the error norm, and a first
    /// step (null: Hairer's estimate).
    /// </summary>
    public SolverOptions BackwardOptions(double? relTol, double? absTol, double end, int normComponents, double? initialStep,
        IReadOnlyList<double>? stops = null) => new()
    {
        StepStops = stops,
        InitialStep = initialStep,
        RelTol = relTol ?? Options.RelTol,
        AbsTol = absTol ?? Options.AbsTol,
        SaveAt = [end],
        Dense = false,
        FixedStep = Options.FixedStep,
        MaxStep = Options.MaxStep,
        MaxSteps = Options.MaxSteps,
        CancellationToken = Options.CancellationToken,
        ErrorNormComponents = normComponents,
    };

    /// <summary>
    /// A first step for the next backward segment: the mean accepted step of the one just solved, so that the step-size
    /// control carries over the observations instead of restarting from Hairer's conservative estimate each time.
    /// </summary>
    public static double? CarriedStep(double start, double end, SolverStats stats)
        => stats.AcceptedSteps > 0 ? Math.Abs(end - start) / stats.AcceptedSteps : null;

    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }

    /// <summary>
    /// Whether <c>[a, b]</c> is too short for a solver step to resolve (a few ulps): such a segment is skipped
    /// rather than failing with <see cref="OdeSolverFailure.StepSizeTooSmall"/>.
    /// </summary>
    public static bool Negligible(double a, double b)
        => Math.Abs(b - a) <= 64 * double.Epsilon + 64 * 2.220446049250313e-16 * Math.Max(Math.Abs(a), Math.Abs(b));
}
