using System;

namespace OdeGen.Flows;

/// <summary>
/// A continuous normalizing flow (Chen et al. 2018, Sect. 4; Grathwohl et al. 2019, FFJORD): a data point x is carried
/// by <c>dz/dt = f(t, z, θ)</c> from <c>z(0) = x</c> to <c>z(T)</c>, where the base density is the normal N(0, σ² I), and
/// <c>log p(x) = log N(z(T); 0, σ² I) + ∫₀ᵀ tr(∂f/∂z) dt</c>. Training minimizes the mean negative log-likelihood of a
/// batch, its gradient in θ from an adjoint method; sampling solves the flow backwards from normal draws.
/// </summary>
/// <typeparam name="TSystem">the generated dynamics of one point (state size = the data's dimension).</typeparam>
public sealed class ContinuousNormalizingFlow<TSystem>
    where TSystem : IOdeSystem
{
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    /// <param name="dynamics">the dynamics of one point.</param>
    /// <param name="endTime">T, where the base density is reached.</param>
    public ContinuousNormalizingFlow(TSystem dynamics, double endTime = 1.0)
    {
        if (dynamics is null) throw new ArgumentNullException(nameof(dynamics));
        if (!(endTime > 0) || !double.IsFinite(endTime)) throw new ArgumentOutOfRangeException(nameof(endTime), $"endTime is {endTime}; it must be positive and finite.");
        Dynamics = dynamics;
        EndTime = endTime;
    }

    /// <summary>The dynamics of one point.</summary>
    public TSystem Dynamics { get; }

    /// <summary>The dimension of the data.</summary>
    public int Dimension => Dynamics.StateSize;

    /// <summary>T, where the base density is reached.</summary>
    public double EndTime { get; }

    /// <summary>σ of the base density N(0, σ² I) at T; torchdiffeq's cnf.py uses √0.1.</summary>
    public double BaseStandardDeviation
    {
        get => _sigma;
        init => _sigma = value > 0 && double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), $"BaseStandardDeviation is {value}; it must be positive and finite.");
    }

    private readonly double _sigma = 1.0;

    /// <summary>How training computes the trace; log-densities and samples always use the exact one.</summary>
    public TraceEstimator Trace { get; init; } = TraceEstimator.Exact;

    /// <summary>The distribution of Hutchinson's noise, drawn afresh for every loss.</summary>
    public HutchinsonNoise Noise { get; init; } = HutchinsonNoise.Rademacher;

    /// <summary>An explicit solver: the augmented system has no Jacobian.</summary>
    public IOdeSolver Solver { get; init; } = new Dopri5();

    /// <summary>Tolerances of the forward pass (and of the backward one unless the method sets its own); FFJORD's are 1e-5.</summary>
    public SolverOptions Options { get; init; } = new() { RelTol = 1e-5, AbsTol = 1e-5 };

    /// <summary>Whether a batch's points are split over the machine's cores; the results are the same bits either way.</summary>
    public bool Parallel { get; init; }

    /// <summary>The gradient method.</summary>
    public SensitivityMethod Method { get; init; } = new InterpolatingAdjoint();

    /// <summary>
    /// <c>log p(x)</c> for each point of <paramref name="points"/> (<see cref="Dimension"/> numbers per point), exactly;
    /// with <paramref name="time"/> between 0 and T, the log-density the flow has at that time (the base density at T).
    /// </summary>
    public double[] LogDensity(ReadOnlySpan<double> points, ReadOnlySpan<double> p, double time = 0.0)
    {
        if (!(time >= 0 && time <= EndTime)) throw new ArgumentOutOfRangeException(nameof(time), $"time is {time}; it must be between 0 and EndTime = {EndTime}.");
        var system = Augmented(points, TraceEstimator.Exact);
        var start = Start(points, system);
        ReadOnlySpan<double> end = start;
        if (time < EndTime)
        {
            var solution = Ode.Solve(system, start, p, time, EndTime, Solver, Options);
            end = solution.State(solution.Count - 1);
        }
        var result = new double[system.BatchSize];
        for (int b = 0; b < result.Length; b++) result[b] = LogDensityAt(end, system, b);
        return result;
    }

    /// <summary>
    /// The mean negative log-likelihood of <paramref name="points"/> and its gradient in θ. With Hutchinson's trace
    /// the noise is drawn from <paramref name="random"/> (required then) and fixed for the forward and backward pass.
    /// </summary>
    public FlowLoss NegativeLogLikelihood(ReadOnlySpan<double> points, ReadOnlySpan<double> p, Random? random = null)
    {
        // The loss is differentiated in θ alone: the trace's derivative in t would only feed dL/dt.
        var system = new FlowSystem<TSystem>(Dynamics, CountOf(points), Trace) { Parallel = Parallel, TimeCotangent = false };
        if (Trace == TraceEstimator.Hutchinson)
        {
            if (random is null) throw new ArgumentNullException(nameof(random), "Hutchinson's estimator draws its noise from random: pass one.");
            system.DrawNoise(random, Noise);
        }
        int batch = system.BatchSize, d = Dimension;
        double loss = 0;
        var result = Sensitivity.Gradient(system, Start(points, system), p, 0.0, [EndTime], (_, _, y, dLdy) =>
        {
            // L = -(1/B) Σ_b [log N(z_b; 0, σ² I) + ℓ_b]: dL/dz_b = z_b / (σ² B), dL/dℓ_b = -1 / B.
            loss = 0;
            for (int b = 0; b < batch; b++)
            {
                loss -= LogDensityAt(y, system, b) / batch;
                for (int i = 0; i < d; i++) dLdy[b * d + i] = y[b * d + i] / (_sigma * _sigma * batch);
                dLdy[batch * d + b] = -1.0 / batch;
            }
        }, Method, Solver, Options);
        return new FlowLoss(loss, result.P, result.ForwardStats, result.BackwardStats);
    }

    /// <summary>
    /// <paramref name="count"/> samples: standard normal draws at T carried back to t = 0. With <paramref name="times"/>
    /// (between 0 and T), the samples at each of those times instead, time after time.
    /// </summary>
    public double[] Sample(int count, ReadOnlySpan<double> p, Random random, ReadOnlySpan<double> times = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count), $"count is {count}; at least one sample is needed.");
        var base_ = new double[count * Dimension];
        for (int i = 0; i < base_.Length; i++) base_[i] = _sigma * FlowSystem<TSystem>.Gaussian(random);
        return Transport(base_, p, EndTime, times.IsEmpty ? [0.0] : times);
    }

    /// <summary>
    /// Carries <paramref name="points"/> from time <paramref name="from"/> to each of <paramref name="times"/>, in
    /// either direction (t = 0 is data, T the base density); the points at each time, time after time.
    /// </summary>
    public double[] Transport(ReadOnlySpan<double> points, ReadOnlySpan<double> p, double from, ReadOnlySpan<double> times)
    {
        int count = CountOf(points);
        var batched = new BatchedSystem<TSystem>(Dynamics, count, new BatchOptions { MaxThreads = Parallel ? Environment.ProcessorCount : 1 });
        var result = new double[times.Length * points.Length];
        var state = points.ToArray();
        double t = from;
        for (int k = 0; k < times.Length; k++)
        {
            if (times[k] != t)
            {
                var solution = Ode.Solve(batched, state, p, t, times[k], Solver, Options);
                solution.State(solution.Count - 1).CopyTo(state);
                t = times[k];
            }
            state.CopyTo(result.AsSpan(k * points.Length));
        }
        return result;
    }

    private FlowSystem<TSystem> Augmented(ReadOnlySpan<double> points, TraceEstimator trace) => new(Dynamics, CountOf(points), trace) { Parallel = Parallel };

    private int CountOf(ReadOnlySpan<double> points)
    {
        if (points.Length == 0 || points.Length % Dimension != 0)
            throw new ArgumentException($"points has {points.Length} numbers; it must hold {Dimension} per point, at least one point.", nameof(points));
        return points.Length / Dimension;
    }

    private static double[] Start(ReadOnlySpan<double> points, FlowSystem<TSystem> system)
    {
        var y0 = new double[system.StateSize];
        points.CopyTo(y0);
        return y0;
    }

    /// <summary>log N(z_b; 0, σ² I) + ℓ_b at the end of the flow.</summary>
    private double LogDensityAt(ReadOnlySpan<double> y, FlowSystem<TSystem> system, int b)
    {
        int d = Dimension;
        double squared = 0;
        for (int i = 0; i < d; i++) squared += y[b * d + i] * y[b * d + i];
        return -0.5 * squared / (_sigma * _sigma) - 0.5 * d * (LogTwoPi + 2 * Math.Log(_sigma)) + y[system.BatchSize * d + b];
    }
}
