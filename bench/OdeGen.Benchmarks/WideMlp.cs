using System.Numerics.Tensors;

namespace OdeGen.Benchmarks;

/// <summary>
/// The batched-dynamics workload of the issue on machine speed: dy/dt = W2 tanh(W1 y + b1) + b2 with 64 states and 128
/// hidden units, written for one sample with nested for loops and TensorPrimitives.Tanh, as a user would.
/// p = [W1 (128x64), b1 (128), W2 (64x128), b2 (64)]. bench/mlp/mlp_torch.py is the same model in PyTorch.
/// </summary>
public static partial class WideMlp
{
    public const int States = 64;
    public const int Hidden = 128;
    public const int Parameters = Hidden * States + Hidden + States * Hidden + States;

    /// <summary>Multiply-adds per sample of Forward: the two matrix-vector products.</summary>
    public const long ForwardFlops = 2L * (Hidden * States + States * Hidden);

    [OdeDynamics(StateSize = States, ParameterSize = Parameters)]
    public static void Rhs(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        ReadOnlySpan<double> w1 = p.Slice(0, Hidden * States);
        ReadOnlySpan<double> b1 = p.Slice(Hidden * States, Hidden);
        ReadOnlySpan<double> w2 = p.Slice(Hidden * States + Hidden, States * Hidden);
        ReadOnlySpan<double> b2 = p.Slice(2 * Hidden * States + Hidden, States);
        Span<double> s = stackalloc double[Hidden];
        Span<double> h = stackalloc double[Hidden];
        for (int i = 0; i < Hidden; i++)
        {
            double sum = b1[i];
            for (int j = 0; j < States; j++)
            {
                sum += w1[i * States + j] * y[j];
            }
            s[i] = sum;
        }
        TensorPrimitives.Tanh(s, h);
        for (int k = 0; k < States; k++)
        {
            double sum = b2[k];
            for (int i = 0; i < Hidden; i++)
            {
                sum += w2[k * Hidden + i] * h[i];
            }
            dy[k] = sum;
        }
    }
}
