using System;

namespace OdeGen.Samples.Classifier;

// The IDifferentiableFunction structs of the two span layers, written out by hand with the generator's names until
// the generator emits them for [Differentiable] span layers; then this file goes and the generated ones take over.
// tests/OdeGen.Samples.Tests/ClassifierLayerTests.cs checks them (and will check the generated ones) against
// central differences of Forward.
public static partial class Layers
{
    /// <summary><see cref="Downsample"/> with its derivatives.</summary>
    public readonly struct DownsampleFunction : IDifferentiableFunction
    {
        private const int C = Architecture.Channels, N = Architecture.ImageSide, H = Architecture.HalfSide, S = Architecture.Side;

        /// <inheritdoc/>
        public int InputSize => Architecture.ImageSize;

        /// <inheritdoc/>
        public int OutputSize => Architecture.FeatureSize;

        /// <inheritdoc/>
        public int ParameterSize => DownsampleParameters;

        /// <inheritdoc/>
        public void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y) => Downsample(x, p, y);

        /// <inheritdoc/>
        public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> vx, ReadOnlySpan<double> vp,
                        Span<double> y, Span<double> jv)
        {
            Span<double> u = stackalloc double[C * H * H];
            Span<double> du = stackalloc double[C * H * H];
            for (int o = 0; o < C; o++)
                for (int i = 0; i < H; i++)
                    for (int j = 0; j < H; j++)
                    {
                        double s = p[B1 + o], ds = vp[B1 + o];
                        for (int di = 0; di < 3; di++)
                            for (int dj = 0; dj < 3; dj++)
                            {
                                int r = 2 * i + di - 1, c = 2 * j + dj - 1;
                                if (r < 0 || r >= N || c < 0 || c >= N) continue;
                                int w = (o * 3 + di) * 3 + dj;
                                s += p[w] * x[r * N + c];
                                ds += vp[w] * x[r * N + c] + p[w] * vx[r * N + c];
                            }
                        int k = (o * H + i) * H + j;
                        (u[k], du[k]) = s > 0 ? (s, ds) : (0, 0);
                    }
            for (int o = 0; o < C; o++)
                for (int i = 0; i < S; i++)
                    for (int j = 0; j < S; j++)
                    {
                        double s = p[B2 + o], ds = vp[B2 + o];
                        for (int m = 0; m < C; m++)
                            for (int di = 0; di < 3; di++)
                                for (int dj = 0; dj < 3; dj++)
                                {
                                    int r = 2 * i + di - 1, c = 2 * j + dj - 1;
                                    if (r < 0 || r >= H || c < 0 || c >= H) continue;
                                    int w = W2 + ((o * C + m) * 3 + di) * 3 + dj, k = (m * H + r) * H + c;
                                    s += p[w] * u[k];
                                    ds += vp[w] * u[k] + p[w] * du[k];
                                }
                        int q = (o * S + i) * S + j;
                        if (!y.IsEmpty) y[q] = s > 0 ? s : 0;
                        jv[q] = s > 0 ? ds : 0;
                    }
        }

        /// <inheritdoc/>
        public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                        Span<double> y, Span<double> wJx, Span<double> wJp)
        {
            wJx.Clear();
            wJp.Clear();
            VjpAccumulate(x, p, w, y, wJx, wJp);
        }

        /// <inheritdoc/>
        public void VjpAccumulate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                                  Span<double> y, Span<double> wJx, Span<double> wJp)
        {
            // Forward, keeping conv₁'s output after relu; relu's derivative is 1 where its output is positive.
            Span<double> u = stackalloc double[C * H * H];
            for (int o = 0; o < C; o++)
                for (int i = 0; i < H; i++)
                    for (int j = 0; j < H; j++)
                    {
                        double s = p[B1 + o];
                        for (int di = 0; di < 3; di++)
                            for (int dj = 0; dj < 3; dj++)
                            {
                                int r = 2 * i + di - 1, c = 2 * j + dj - 1;
                                if (r >= 0 && r < N && c >= 0 && c < N) s += p[(o * 3 + di) * 3 + dj] * x[r * N + c];
                            }
                        u[(o * H + i) * H + j] = s > 0 ? s : 0;
                    }

            // conv₂ and its relu, forward and back: uBar = Σ w₂ · sBar.
            Span<double> uBar = stackalloc double[C * H * H];
            uBar.Clear();
            for (int o = 0; o < C; o++)
                for (int i = 0; i < S; i++)
                    for (int j = 0; j < S; j++)
                    {
                        double s = p[B2 + o];
                        for (int m = 0; m < C; m++)
                            for (int di = 0; di < 3; di++)
                                for (int dj = 0; dj < 3; dj++)
                                {
                                    int r = 2 * i + di - 1, c = 2 * j + dj - 1;
                                    if (r >= 0 && r < H && c >= 0 && c < H) s += p[W2 + ((o * C + m) * 3 + di) * 3 + dj] * u[(m * H + r) * H + c];
                                }
                        int q = (o * S + i) * S + j;
                        if (!y.IsEmpty) y[q] = s > 0 ? s : 0;
                        if (!(s > 0)) continue;
                        double sBar = w[q];
                        wJp[B2 + o] += sBar;
                        for (int m = 0; m < C; m++)
                            for (int di = 0; di < 3; di++)
                                for (int dj = 0; dj < 3; dj++)
                                {
                                    int r = 2 * i + di - 1, c = 2 * j + dj - 1;
                                    if (r < 0 || r >= H || c < 0 || c >= H) continue;
                                    int wi = W2 + ((o * C + m) * 3 + di) * 3 + dj, k = (m * H + r) * H + c;
                                    wJp[wi] += sBar * u[k];
                                    uBar[k] += sBar * p[wi];
                                }
                    }

            // conv₁ back, through its relu.
            bool input = !wJx.IsEmpty;
            for (int o = 0; o < C; o++)
                for (int i = 0; i < H; i++)
                    for (int j = 0; j < H; j++)
                    {
                        int k = (o * H + i) * H + j;
                        if (!(u[k] > 0)) continue;
                        double sBar = uBar[k];
                        wJp[B1 + o] += sBar;
                        for (int di = 0; di < 3; di++)
                            for (int dj = 0; dj < 3; dj++)
                            {
                                int r = 2 * i + di - 1, c = 2 * j + dj - 1;
                                if (r < 0 || r >= N || c < 0 || c >= N) continue;
                                int wi = (o * 3 + di) * 3 + dj;
                                wJp[wi] += sBar * x[r * N + c];
                                if (input) wJx[r * N + c] += sBar * p[wi];
                            }
                    }
        }
    }

    /// <summary><see cref="Head"/> with its derivatives.</summary>
    public readonly struct HeadFunction : IDifferentiableFunction
    {
        private const int F = Architecture.FeatureSize, K = Architecture.Classes;

        /// <inheritdoc/>
        public int InputSize => F;

        /// <inheritdoc/>
        public int OutputSize => K;

        /// <inheritdoc/>
        public int ParameterSize => HeadParameters;

        /// <inheritdoc/>
        public void Forward(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Span<double> y) => Head(x, p, y);

        /// <inheritdoc/>
        public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> vx, ReadOnlySpan<double> vp,
                        Span<double> y, Span<double> jv)
        {
            for (int k = 0; k < K; k++)
            {
                double s = p[HeadWeights + k], ds = vp[HeadWeights + k];
                for (int j = 0; j < F; j++)
                {
                    s += p[k * F + j] * x[j];
                    ds += vp[k * F + j] * x[j] + p[k * F + j] * vx[j];
                }
                if (!y.IsEmpty) y[k] = s;
                jv[k] = ds;
            }
        }

        /// <inheritdoc/>
        public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                        Span<double> y, Span<double> wJx, Span<double> wJp)
        {
            wJx.Clear();
            wJp.Clear();
            VjpAccumulate(x, p, w, y, wJx, wJp);
        }

        /// <inheritdoc/>
        public void VjpAccumulate(ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                                  Span<double> y, Span<double> wJx, Span<double> wJp)
        {
            if (!y.IsEmpty) Head(x, p, y);
            bool input = !wJx.IsEmpty;
            for (int k = 0; k < K; k++)
            {
                double wk = w[k];
                wJp[HeadWeights + k] += wk;
                for (int j = 0; j < F; j++)
                {
                    wJp[k * F + j] += wk * x[j];
                    if (input) wJx[j] += wk * p[k * F + j];
                }
            }
        }
    }
}
