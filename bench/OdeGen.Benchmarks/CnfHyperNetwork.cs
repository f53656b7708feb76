using System;
using System.Numerics.Tensors;

namespace OdeGen.Benchmarks;

/// <summary>
/// torchdiffeq's examples/cnf.py model for a whole batch of 512 points, as one system: a hypernetwork of the time
/// (1 → 32 → 32 → 448, tanh) gives W, U, G and B, and each point moves by <c>dz/dt = mean_w U_w σ(G_w) tanh(W_w · z + B_w)</c>
/// over 64 units. The hypernetwork runs once per call, not once per point, and the tanh of all 512 × 64 units is one
/// TensorPrimitives.Tanh; the points are independent, so the
/// Jacobian is block-diagonal and the generated divergence takes two JVPs for all 1024 states. cnf.py carries the
/// data at t = 10 to the base at t = 0; OdeGen's flow goes from data at s = 0 to the base at s = 10, so the model
/// reads the time as t = 10 - s and moves by -f: the same flow.
/// </summary>
public static partial class CnfHyperNetwork
{
    public const int Points = 512, Width = 64, Hidden = 32, Block = 2 * Width, Output = 3 * Block + Width;
    public const int Fc1W = 0, Fc1B = Fc1W + Hidden, Fc2W = Fc1B + Hidden, Fc2B = Fc2W + Hidden * Hidden;
    public const int Fc3W = Fc2B + Hidden, Fc3B = Fc3W + Output * Hidden, ParameterCount = Fc3B + Output;

    [OdeDynamics(StateSize = 2 * Points, ParameterSize = ParameterCount)]
    public static void Dynamics(double t, ReadOnlySpan<double> z, ReadOnlySpan<double> p, Span<double> dz)
    {
        Span<double> s1 = stackalloc double[Hidden];
        Span<double> h1 = stackalloc double[Hidden];
        Span<double> s2 = stackalloc double[Hidden];
        Span<double> h2 = stackalloc double[Hidden];
        Span<double> q = stackalloc double[Output];
        Span<double> u = stackalloc double[Block];
        double time = 10 - t;
        for (int i = 0; i < Hidden; i++) s1[i] = p[Fc1W + i] * time + p[Fc1B + i];
        TensorPrimitives.Tanh(s1, h1);
        for (int i = 0; i < Hidden; i++)
        {
            double sum = p[Fc2B + i];
            for (int j = 0; j < Hidden; j++) sum += p[Fc2W + i * Hidden + j] * h1[j];
            s2[i] = sum;
        }
        TensorPrimitives.Tanh(s2, h2);
        for (int k = 0; k < Output; k++)
        {
            double sum = p[Fc3B + k];
            for (int j = 0; j < Hidden; j++) sum += p[Fc3W + k * Hidden + j] * h2[j];
            q[k] = sum;
        }
        // U = U · σ(G), with W = q[0, 128), U = q[128, 256), G = q[256, 384), B = q[384, 448) as cnf.py lays them out.
        for (int k = 0; k < Block; k++) u[k] = q[Block + k] / (1 + Math.Exp(-q[2 * Block + k]));
        // The 64 units' pre-activations of every point, then one vectorized tanh over all of them (as PyTorch runs it).
        Span<double> a = stackalloc double[Points * Width];
        Span<double> h = stackalloc double[Points * Width];
        for (int b = 0; b < Points; b++)
        {
            double x = z[2 * b], y = z[2 * b + 1];
            for (int w = 0; w < Width; w++) a[b * Width + w] = q[2 * w] * x + q[2 * w + 1] * y + q[3 * Block + w];
        }
        TensorPrimitives.Tanh(a, h);
        for (int b = 0; b < Points; b++)
        {
            double dx = 0, dy_ = 0;
            for (int w = 0; w < Width; w++)
            {
                dx += h[b * Width + w] * u[2 * w];
                dy_ += h[b * Width + w] * u[2 * w + 1];
            }
            dz[2 * b] = -dx / Width;
            dz[2 * b + 1] = -dy_ / Width;
        }
    }
}
