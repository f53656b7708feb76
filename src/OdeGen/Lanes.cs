using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OdeGen;

/// <summary>
/// What generated lane kernels call besides <see cref="Vector256"/>: a lane span seen as the doubles it holds, and the
/// System.Math functions that <see cref="Vector256"/> lacks, applied lane by lane so that they round as the per-copy
/// code does. A lane kernel runs <see cref="Count"/> copies of a system at once, copy c in lane c of every vector.
/// </summary>
public static class Lanes
{
    /// <summary>The copies a lane kernel evaluates at once: the doubles in a <see cref="Vector256{T}"/>.</summary>
    public static int Count => Vector256<double>.Count;

    /// <summary>The doubles of <paramref name="lanes"/>, vector after vector (for one TensorPrimitives call over all of them).</summary>
    public static Span<double> Elements(Span<Vector256<double>> lanes) => MemoryMarshal.Cast<Vector256<double>, double>(lanes);

    /// <summary>The doubles of <paramref name="lanes"/>, vector after vector.</summary>
    public static ReadOnlySpan<double> Elements(ReadOnlySpan<Vector256<double>> lanes) => MemoryMarshal.Cast<Vector256<double>, double>(lanes);

    /// <summary><see cref="Math.Tan"/> of every lane.</summary>
    public static Vector256<double> Tan(Vector256<double> x) => Vector256.Create(Math.Tan(x[0]), Math.Tan(x[1]), Math.Tan(x[2]), Math.Tan(x[3]));

    /// <summary><see cref="Math.Asin"/> of every lane.</summary>
    public static Vector256<double> Asin(Vector256<double> x) => Vector256.Create(Math.Asin(x[0]), Math.Asin(x[1]), Math.Asin(x[2]), Math.Asin(x[3]));

    /// <summary><see cref="Math.Acos"/> of every lane.</summary>
    public static Vector256<double> Acos(Vector256<double> x) => Vector256.Create(Math.Acos(x[0]), Math.Acos(x[1]), Math.Acos(x[2]), Math.Acos(x[3]));

    /// <summary><see cref="Math.Atan"/> of every lane.</summary>
    public static Vector256<double> Atan(Vector256<double> x) => Vector256.Create(Math.Atan(x[0]), Math.Atan(x[1]), Math.Atan(x[2]), Math.Atan(x[3]));

    /// <summary><see cref="Math.Sinh"/> of every lane.</summary>
    public static Vector256<double> Sinh(Vector256<double> x) => Vector256.Create(Math.Sinh(x[0]), Math.Sinh(x[1]), Math.Sinh(x[2]), Math.Sinh(x[3]));

    /// <summary><see cref="Math.Cosh"/> of every lane.</summary>
    public static Vector256<double> Cosh(Vector256<double> x) => Vector256.Create(Math.Cosh(x[0]), Math.Cosh(x[1]), Math.Cosh(x[2]), Math.Cosh(x[3]));

    /// <summary><see cref="Math.Tanh"/> of every lane.</summary>
    public static Vector256<double> Tanh(Vector256<double> x) => Vector256.Create(Math.Tanh(x[0]), Math.Tanh(x[1]), Math.Tanh(x[2]), Math.Tanh(x[3]));

    /// <summary><see cref="Math.Log10"/> of every lane.</summary>
    public static Vector256<double> Log10(Vector256<double> x) => Vector256.Create(Math.Log10(x[0]), Math.Log10(x[1]), Math.Log10(x[2]), Math.Log10(x[3]));

    /// <summary><see cref="Math.Cbrt"/> of every lane.</summary>
    public static Vector256<double> Cbrt(Vector256<double> x) => Vector256.Create(Math.Cbrt(x[0]), Math.Cbrt(x[1]), Math.Cbrt(x[2]), Math.Cbrt(x[3]));

    /// <summary><see cref="Math.Pow"/> lane by lane.</summary>
    public static Vector256<double> Pow(Vector256<double> x, Vector256<double> y) =>
        Vector256.Create(Math.Pow(x[0], y[0]), Math.Pow(x[1], y[1]), Math.Pow(x[2], y[2]), Math.Pow(x[3], y[3]));

    /// <summary><see cref="Math.Atan2"/> lane by lane.</summary>
    public static Vector256<double> Atan2(Vector256<double> y, Vector256<double> x) =>
        Vector256.Create(Math.Atan2(y[0], x[0]), Math.Atan2(y[1], x[1]), Math.Atan2(y[2], x[2]), Math.Atan2(y[3], x[3]));
}
