using System;
using System.Buffers;
using System.Numerics.Tensors;

namespace OdeGen;

/// <summary>
/// The divergence and its gradient from first- and second-order products, for systems that do not generate
/// them from their sparsity: <c>tr(∂f/∂y) = Σ_i e_iᵀ (∂f/∂y) e_i</c>, and its gradient
/// <c>Σ_i ∂(e_iᵀ (∂f/∂y) e_i)/∂(y, p)</c>, one <see cref="IOdeSystem.JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/> with <c>vy = w = e_i</c> per component.
/// </summary>
internal static class SecondOrder
{
    public static double DivergenceByJvps<TSystem>(ref TSystem system, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p)
        where TSystem : IOdeSystem
    {
        int n = system.StateSize;
        var pool = ArrayPool<double>.Shared;
        double[] rentedUnit = pool.Rent(n), rentedColumn = pool.Rent(n), rentedZero = pool.Rent(p.Length);
        try
        {
            Span<double> unit = rentedUnit.AsSpan(0, n), column = rentedColumn.AsSpan(0, n), zero = rentedZero.AsSpan(0, p.Length);
            unit.Clear();
            zero.Clear();
            double trace = 0;
            for (int i = 0; i < n; i++)
            {
                unit[i] = 1;
                system.Jvp(t, y, p, unit, zero, 0, Span<double>.Empty, column);
                trace += column[i];
                unit[i] = 0;
            }
            return trace;
        }
        finally
        {
            pool.Return(rentedUnit);
            pool.Return(rentedColumn);
            pool.Return(rentedZero);
        }
    }

    public static double DivergenceGradientByJvpVjps<TSystem>(ref TSystem system, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
        Span<double> gy, Span<double> gp)
        where TSystem : IOdeSystem
    {
        int n = system.StateSize;
        if (gy.Length != n) throw new ArgumentException($"gy has length {gy.Length}, the state {n}.", nameof(gy));
        if (gp.Length != p.Length) throw new ArgumentException($"gp has length {gp.Length}, the parameters {p.Length}.", nameof(gp));
        var pool = ArrayPool<double>.Shared;
        double[] rentedUnit = pool.Rent(n), rentedColumn = pool.Rent(n), rentedZero = pool.Rent(p.Length),
                 rentedHy = pool.Rent(n), rentedHp = pool.Rent(p.Length);
        try
        {
            Span<double> unit = rentedUnit.AsSpan(0, n), column = rentedColumn.AsSpan(0, n), zero = rentedZero.AsSpan(0, p.Length);
            Span<double> hy = rentedHy.AsSpan(0, n), hp = rentedHp.AsSpan(0, p.Length);
            unit.Clear();
            zero.Clear();
            gy.Clear();
            gp.Clear();
            double trace = 0;
            for (int i = 0; i < n; i++)
            {
                unit[i] = 1;
                system.JvpVjp(t, y, p, unit, zero, unit, column, hy, hp);
                trace += column[i];
                TensorPrimitives.Add(gy, hy, gy);
                TensorPrimitives.Add(gp, hp, gp);
                unit[i] = 0;
            }
            return trace;
        }
        finally
        {
            pool.Return(rentedUnit);
            pool.Return(rentedColumn);
            pool.Return(rentedZero);
            pool.Return(rentedHy);
            pool.Return(rentedHp);
        }
    }
}
