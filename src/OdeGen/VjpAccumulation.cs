using System;
using System.Buffers;
using System.Numerics.Tensors;

namespace OdeGen;

/// <summary><see cref="IOdeSystem.VjpAccumulate"/> for systems that only have <see cref="IOdeSystem.Vjp"/>.</summary>
internal static class VjpAccumulation
{
    /// <summary>
    /// Computes <c>system.Vjp</c> into rented arrays and adds them into <paramref name="wJy"/> and <paramref name="wJp"/>.
    /// Generic, so that a struct is called in place rather than boxed.
    /// </summary>
    public static double ThroughRentedArrays<TSystem>(ref TSystem system, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
        ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
        where TSystem : IOdeSystem
    {
        var pool = ArrayPool<double>.Shared;
        double[] yBar = pool.Rent(wJy.Length), pBar = pool.Rent(wJp.Length);
        try
        {
            double wJt = system.Vjp(t, y, p, w, dy, yBar.AsSpan(0, wJy.Length), pBar.AsSpan(0, wJp.Length));
            TensorPrimitives.Add(wJy, yBar.AsSpan(0, wJy.Length), wJy);
            TensorPrimitives.Add(wJp, pBar.AsSpan(0, wJp.Length), wJp);
            return wJt;
        }
        finally
        {
            pool.Return(yBar);
            pool.Return(pBar);
        }
    }
}
