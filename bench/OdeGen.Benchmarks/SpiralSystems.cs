using System;
using OdeGen.Samples.Spiral;

namespace OdeGen.Benchmarks;

/// <summary>
/// The fixed configuration of <c>Spiral --fixed</c>: weights <c>W1[i,j] = 0.1 sin(2i+j+1)</c>, <c>b1[i] = 0.01 cos(i)</c>,
/// <c>W2[i,j] = 0.1 cos(50i+j+1)</c>, <c>b2 = 0</c>; 20 windows of 10 points starting at samples <c>49k</c> of the true
/// trajectory (1000 points on [0, 25]), all integrated over <c>t[0..9]</c>; loss the mean absolute error. The model is
/// the sample's own (<c>samples/Spiral/SpiralMlp.cs</c>, compiled in here), whose hidden layer calls TensorPrimitives.Tanh.
/// </summary>
public sealed class SpiralFixedCase
{
    public const int Batch = 20, Window = 10, Points = 1000;

    private readonly double[] _truth = new double[2 * Points];
    private readonly double[] _times;
    private readonly int[] _starts = new int[Batch];
    private readonly LossGradient _lossGradient;
    private readonly SolverOptions _options = new() { RelTol = 1e-7, AbsTol = 1e-9 };
    private readonly Dopri5 _solver = new();

    public SpiralFixedCase()
    {
        var t = new double[Points];
        for (int i = 0; i < Points; i++) t[i] = 25.0 * i / (Points - 1);
        var truth = Ode.Solve(new TrueSpiral.RhsSystem(), [2.0, 0.0], [], 0, 25, _solver,
                              new SolverOptions { RelTol = 1e-7, AbsTol = 1e-9, SaveAt = t });
        for (int i = 0; i < Points; i++) truth.State(i).CopyTo(_truth.AsSpan(2 * i, 2));
        _times = t[..Window];

        Y0 = new double[2 * Batch];
        for (int b = 0; b < Batch; b++)
        {
            _starts[b] = 49 * b;
            _truth.AsSpan(2 * _starts[b], 2).CopyTo(Y0.AsSpan(2 * b, 2));
        }

        P = new double[SpiralMlp.ParameterCount];
        const int h = SpiralMlp.Hidden;
        for (int i = 0; i < h; i++)
        {
            for (int j = 0; j < 2; j++) P[i * 2 + j] = 0.1 * Math.Sin(2 * i + j + 1);
            P[2 * h + i] = 0.01 * Math.Cos(i);
        }
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < h; j++) P[3 * h + i * h + j] = 0.1 * Math.Cos(50 * i + j + 1);

        System = new BatchedSystem<SpiralMlp.RhsSystem>(new SpiralMlp.RhsSystem(), Batch);
        _lossGradient = MeanAbsoluteError;
    }

    public BatchedSystem<SpiralMlp.RhsSystem> System { get; }
    public double[] Y0 { get; }
    public double[] P { get; }

    /// <summary>The window's observation times, its loss and the solver options, for a training step outside this class (<see cref="TrainStep"/>).</summary>
    public ReadOnlySpan<double> Times => _times;

    public LossGradient Loss => _lossGradient;

    public SolverOptions Options => _options;

    public GradientResult Gradient(SensitivityMethod method)
        => Sensitivity.Gradient(System, Y0, P, 0.0, _times, _lossGradient, method, _solver, _options);

    /// <summary>The forward pass alone: the batched solve reporting the window times.</summary>
    public OdeSolution Solve()
        => Ode.Solve(System, Y0, P, 0.0, _times[^1], _solver, new SolverOptions { RelTol = 1e-7, AbsTol = 1e-9, SaveAt = _times });

    private void MeanAbsoluteError(int k, double t, ReadOnlySpan<double> y, Span<double> dLdy)
    {
        const double scale = 1.0 / (Batch * Window * 2);
        for (int b = 0; b < Batch; b++)
            for (int i = 0; i < 2; i++)
                dLdy[2 * b + i] = Math.Sign(y[2 * b + i] - _truth[2 * (_starts[b] + k) + i]) * scale;
    }
}
