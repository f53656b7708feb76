using System;
using OdeGen.Samples.Spiral;

namespace OdeGen.Benchmarks;

/// <summary>
/// A hand-written VJP of the spiral MLP over a batch, for comparison only: it keeps each hidden unit's <c>tanh</c> from
/// the forward sweep, so it evaluates 50 <c>tanh</c> per copy where the generated reverse loop, which recomputes each
/// iteration instead of keeping a tape, evaluates 100.
/// </summary>
public static class SpiralHandVjp
{
    public static double Vjp(ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                             Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        const int h = SpiralMlp.Hidden;
        ReadOnlySpan<double> w1 = p.Slice(0, 2 * h), b1 = p.Slice(2 * h, h), w2 = p.Slice(3 * h, 2 * h), b2 = p.Slice(5 * h, 2);
        Span<double> gw1 = wJp.Slice(0, 2 * h), gb1 = wJp.Slice(2 * h, h), gw2 = wJp.Slice(3 * h, 2 * h), gb2 = wJp.Slice(5 * h, 2);
        wJp.Clear();
        Span<double> hidden = stackalloc double[h];
        for (int b = 0; b < y.Length / 2; b++)
        {
            double y0 = y[2 * b], y1 = y[2 * b + 1], c0 = y0 * y0 * y0, c1 = y1 * y1 * y1;
            double a0 = w[2 * b], a1 = w[2 * b + 1];
            double o0 = b2[0], o1 = b2[1], g0 = 0, g1 = 0;
            for (int i = 0; i < h; i++)
            {
                double th = Math.Tanh(w1[2 * i] * c0 + w1[2 * i + 1] * c1 + b1[i]);
                hidden[i] = th;
                o0 += w2[i] * th;
                o1 += w2[h + i] * th;
            }
            for (int i = 0; i < h; i++)
            {
                double th = hidden[i];
                gw2[i] += a0 * th;
                gw2[h + i] += a1 * th;
                double s = (w2[i] * a0 + w2[h + i] * a1) * (1 - th * th);
                gb1[i] += s;
                gw1[2 * i] += s * c0;
                gw1[2 * i + 1] += s * c1;
                g0 += s * w1[2 * i];
                g1 += s * w1[2 * i + 1];
            }
            gb2[0] += a0;
            gb2[1] += a1;
            dy[2 * b] = o0;
            dy[2 * b + 1] = o1;
            wJy[2 * b] = 3 * y0 * y0 * g0;
            wJy[2 * b + 1] = 3 * y1 * y1 * g1;
        }
        return 0;
    }
}
