using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace OdeGen;

/// <summary>
/// What generated lane kernels call besides <see cref="Vector"/>: a lane span seen as the doubles it holds, and the
/// System.Math functions that <see cref="Vector"/> lacks, applied lane by lane so that they round as the per-copy code
/// does. A lane kernel runs <see cref="Count"/> copies of a system at once, copy c in lane c of every vector.
/// </summary>
/// <remarks>
/// The kernels are written on <see cref="Vector{T}"/>, whose width the JIT chooses when the program starts: 4 doubles
/// on AVX2 and, by default, on AVX-512 too; 8 on AVX-512 when the process starts with the environment variable
/// <c>DOTNET_MaxVectorTBitWidth=512</c> (the runtime reads no runtimeconfig.json option for it). One generated kernel
/// serves both.
/// </remarks>
public static unsafe class Lanes
{
    /// <summary>The copies a lane kernel evaluates at once: the doubles in a <see cref="Vector{T}"/>.</summary>
    public static int Count => Vector<double>.Count;

    /// <summary>The doubles of <paramref name="lanes"/>, vector after vector (for one TensorPrimitives call over all of them).</summary>
    public static Span<double> Elements(Span<Vector<double>> lanes) => MemoryMarshal.Cast<Vector<double>, double>(lanes);

    /// <summary>The doubles of <paramref name="lanes"/>, vector after vector.</summary>
    public static ReadOnlySpan<double> Elements(ReadOnlySpan<Vector<double>> lanes) => MemoryMarshal.Cast<Vector<double>, double>(lanes);

    /// <summary><see cref="Math.Tan"/> of every lane.</summary>
    public static Vector<double> Tan(Vector<double> x) => EachLane(x, &Math.Tan);

    /// <summary><see cref="Math.Asin"/> of every lane.</summary>
    public static Vector<double> Asin(Vector<double> x) => EachLane(x, &Math.Asin);

    /// <summary><see cref="Math.Acos"/> of every lane.</summary>
    public static Vector<double> Acos(Vector<double> x) => EachLane(x, &Math.Acos);

    /// <summary><see cref="Math.Atan"/> of every lane.</summary>
    public static Vector<double> Atan(Vector<double> x) => EachLane(x, &Math.Atan);

    /// <summary><see cref="Math.Sinh"/> of every lane.</summary>
    public static Vector<double> Sinh(Vector<double> x) => EachLane(x, &Math.Sinh);

    /// <summary><see cref="Math.Cosh"/> of every lane.</summary>
    public static Vector<double> Cosh(Vector<double> x) => EachLane(x, &Math.Cosh);

    /// <summary><see cref="Math.Tanh"/> of every lane.</summary>
    public static Vector<double> Tanh(Vector<double> x) => EachLane(x, &Math.Tanh);

    /// <summary><see cref="Math.Log10"/> of every lane.</summary>
    public static Vector<double> Log10(Vector<double> x) => EachLane(x, &Math.Log10);

    /// <summary><see cref="Math.Cbrt"/> of every lane.</summary>
    public static Vector<double> Cbrt(Vector<double> x) => EachLane(x, &Math.Cbrt);

    /// <summary><see cref="Math.Pow"/> lane by lane.</summary>
    public static Vector<double> Pow(Vector<double> x, Vector<double> y) => EachLane(x, y, &Math.Pow);

    /// <summary><see cref="Math.Atan2"/> lane by lane.</summary>
    public static Vector<double> Atan2(Vector<double> y, Vector<double> x) => EachLane(y, x, &Math.Atan2);

    // Function pointers: a call per lane without a delegate.
    private static Vector<double> EachLane(Vector<double> x, delegate*<double, double> f)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int c = 0; c < lanes.Length; c++) lanes[c] = f(x[c]);
        return new Vector<double>(lanes);
    }

    private static Vector<double> EachLane(Vector<double> a, Vector<double> b, delegate*<double, double, double> f)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        for (int c = 0; c < lanes.Length; c++) lanes[c] = f(a[c], b[c]);
        return new Vector<double>(lanes);
    }
}
