using System;
using OdeGen.Training;

namespace OdeGen.Samples.Spiral;

/// <summary>
/// The loss of the model on a batch of windows of the true trajectory, and its gradient. As in torchdiffeq's demo
/// every window starts at time 0 of its own (<c>batch_t = t[:10]</c>, <c>batch_y0 = true_y[s]</c>), so the windows
/// share one time grid and the whole batch is one solve of <see cref="BatchedSystem{TSystem}"/>: 20 copies of the
/// 2-state model, 40 states sharing the 252 parameters.
/// </summary>
public sealed class WindowBatch
{
    /// <summary>Windows per batch.</summary>
    public const int Size = 20;

    /// <summary>Points per window, the first being the window's initial state.</summary>
    public const int Length = 10;

    private readonly SpiralData _data;
    private readonly BatchedSystem<SpiralMlp.RhsSystem> _system = new(new SpiralMlp.RhsSystem(), Size);
    private readonly double[] _times;
    private readonly int[] _starts = new int[Size];
    private readonly double[] _y0 = new double[2 * Size];
    private readonly Dopri5 _solver = new();
    private readonly SolverOptions _options = new() { RelTol = SpiralData.RelTol, AbsTol = SpiralData.AbsTol };
    private readonly LossGradient _lossGradient;
    private double _loss;

    public WindowBatch(SpiralData data)
    {
        _data = data;
        _times = data.Times.AsSpan(0, Length).ToArray();
        _lossGradient = AccumulateLoss;
    }

    /// <summary>The first sample of each window.</summary>
    public ReadOnlySpan<int> Starts => _starts;

    /// <summary>Chooses the windows: window <c>b</c> covers samples <c>starts[b] .. starts[b] + 9</c>.</summary>
    public void SetStarts(ReadOnlySpan<int> starts)
    {
        if (starts.Length != Size) throw new ArgumentException($"Expected {Size} window starts, got {starts.Length}.", nameof(starts));
        for (int b = 0; b < Size; b++)
        {
            int s = starts[b];
            if (s < 0 || s + Length > SpiralData.Points)
                throw new ArgumentOutOfRangeException(nameof(starts), s, $"A window must lie within the {SpiralData.Points} samples.");
            _starts[b] = s;
            _data.State(s).CopyTo(_y0.AsSpan(2 * b, 2));
        }
    }

    /// <summary>
    /// The mean absolute error over all <c>10 x 20 x 2</c> predicted entries (the windows' initial points included,
    /// where the error is zero) at parameters <paramref name="p"/>, and its gradient with respect to them.
    /// </summary>
    public GradientResult Gradient(ReadOnlySpan<double> p, SensitivityMethod method, out double loss)
    {
        _loss = 0;
        var result = Sensitivity.Gradient(_system, _y0, p, 0.0, _times, _lossGradient, method, _solver, _options);
        loss = _loss;
        return result;
    }

    /// <summary><see cref="Gradient(ReadOnlySpan{double}, SensitivityMethod, out double)"/> in the shape a training loop takes.</summary>
    public StepResult Gradient(ReadOnlySpan<double> p, Span<double> gradient, SensitivityMethod method)
    {
        var result = Gradient(p, method, out double loss);
        result.P.CopyTo(gradient);
        return new StepResult(loss, result.ForwardStats.Nfe, result.BackwardStats.Nfe);
    }

    /// <summary>
    /// Called at each of the 10 window times with the 40 predicted values: adds their absolute errors to the loss and
    /// writes <c>dL/dy = sign(pred − true) / 400</c>.
    /// </summary>
    private void AccumulateLoss(int k, double t, ReadOnlySpan<double> y, Span<double> dLdy)
    {
        const double scale = 1.0 / (Length * Size * 2);
        for (int b = 0; b < Size; b++)
        {
            ReadOnlySpan<double> truth = _data.State(_starts[b] + k);
            for (int i = 0; i < 2; i++)
            {
                double r = y[2 * b + i] - truth[i];
                _loss += Math.Abs(r) * scale;
                dLdy[2 * b + i] = Math.Sign(r) * scale;
            }
        }
    }
}
