using System.Numerics.Tensors;

namespace OdeGen.Benchmarks;

/// <summary>
/// <see cref="WideMlp"/> at the other widths the issue on machine speed asks for: d-2d-d tanh MLPs with d = 32 and
/// d = 256 (the sizes are compile-time constants of each method, so each width is its own dynamics). bench/mlp/mlp_torch.py
/// builds the same models.
/// </summary>
public static partial class MlpWidths
{
    public const int NarrowStates = 32, NarrowHidden = 64;
    public const int BroadStates = 256, BroadHidden = 512;

    [OdeDynamics(StateSize = NarrowStates, ParameterSize = 2 * NarrowHidden * NarrowStates + NarrowHidden + NarrowStates)]
    public static void Narrow(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        const int n = NarrowStates, h = NarrowHidden;
        Span<double> s = stackalloc double[h];
        Span<double> a = stackalloc double[h];
        for (int i = 0; i < h; i++)
        {
            double sum = p[h * n + i];
            for (int j = 0; j < n; j++) sum += p[i * n + j] * y[j];
            s[i] = sum;
        }
        TensorPrimitives.Tanh(s, a);
        for (int k = 0; k < n; k++)
        {
            double sum = p[2 * h * n + h + k];
            for (int i = 0; i < h; i++) sum += p[h * n + h + k * h + i] * a[i];
            dy[k] = sum;
        }
    }

    [OdeDynamics(StateSize = BroadStates, ParameterSize = 2 * BroadHidden * BroadStates + BroadHidden + BroadStates)]
    public static void Broad(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        const int n = BroadStates, h = BroadHidden;
        Span<double> s = stackalloc double[h];
        Span<double> a = stackalloc double[h];
        for (int i = 0; i < h; i++)
        {
            double sum = p[h * n + i];
            for (int j = 0; j < n; j++) sum += p[i * n + j] * y[j];
            s[i] = sum;
        }
        TensorPrimitives.Tanh(s, a);
        for (int k = 0; k < n; k++)
        {
            double sum = p[2 * h * n + h + k];
            for (int i = 0; i < h; i++) sum += p[h * n + h + k * h + i] * a[i];
            dy[k] = sum;
        }
    }
}
