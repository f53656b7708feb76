using System;
using System.Numerics;

namespace OdeGen.Flows;

/// <summary>
/// A batch of points of a continuous normalizing flow and their log-densities as one ODE: the state is
/// <c>[z_0, …, z_{B-1}, ℓ_0, …, ℓ_{B-1}]</c> with <c>dz_b/dt = f(t, z_b, θ)</c> and <c>dℓ_b/dt = tr(∂f/∂z)(t, z_b)</c>, so that
/// <c>log p_0(z_b(0)) = log p_T(z_b(T)) + ℓ_b(T)</c> when <c>ℓ_b(0) = 0</c> (the instantaneous change of variables,
/// Chen et al. 2018, Theorem 1). <typeparamref name="TSystem"/> is the dynamics of one point.
/// </summary>
/// <remarks>
/// Its <see cref="Vjp"/>, which the adjoint methods need, is exact: the dynamics' VJP plus, for the log-densities,
/// the gradient of the trace (<see cref="IOdeSystem.DivergenceGradient"/>, or one <see cref="IOdeSystem.JvpVjp(double, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, Span{double}, Span{double})"/> for
/// Hutchinson's estimate). The trace's derivative in t, which only the time cotangent holds, is a central
/// difference. There is no Jvp or Jacobian (they would need third derivatives): solve it with an explicit solver.
/// An instance keeps scratch arrays and the noise: one solve at a time (its own chunks may run in parallel).
/// </remarks>
public sealed class FlowSystem<TSystem> : IOdeSystem
    where TSystem : IOdeSystem
{
    /// <summary>Points per chunk: the unit of work of a thread, and of the parameter cotangent's partial sums.</summary>
    public const int ChunkSize = 32;

    private readonly TSystem _f;
    private readonly int _batch;
    private readonly int _d;
    private readonly int _m;
    private readonly double[] _noise;
    private readonly double[] _zeroP;
    private readonly Chunk[] _chunks;
    private readonly SparsityPattern _sparsity;

    /// <param name="dynamics">the dynamics of one point, <c>f(t, z, θ)</c>.</param>
    /// <param name="batchSize">the number of points.</param>
    /// <param name="trace">how the trace is computed.</param>
    public FlowSystem(TSystem dynamics, int batchSize, TraceEstimator trace = TraceEstimator.Exact)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"batchSize is {batchSize}; a flow needs at least one point.");
        if (trace != TraceEstimator.Exact && !dynamics.HasSecondDerivatives)
            throw new ArgumentException("Hutchinson's estimator needs JvpVjp, which generated systems have and this one does not.", nameof(dynamics));
        _f = dynamics;
        _batch = batchSize;
        _d = dynamics.StateSize;
        _m = dynamics.ParameterSize;
        Trace = trace;
        _noise = new double[batchSize * _d];
        _zeroP = new double[_m];
        _chunks = new Chunk[(batchSize + ChunkSize - 1) / ChunkSize];
        for (int c = 0; c < _chunks.Length; c++) _chunks[c] = new Chunk(_d, _m);
        _sparsity = Pattern(dynamics.JacobianYSparsity, batchSize, _d);
    }

    /// <summary>How the trace is computed.</summary>
    public TraceEstimator Trace { get; }

    /// <summary>The number of points.</summary>
    public int BatchSize => _batch;

    /// <summary>The dimension of one point.</summary>
    public int Dimension => _d;

    /// <summary>
    /// Whether <see cref="Vjp"/>'s time cotangent includes the trace's derivative in t (a central difference, two more
    /// traces per point). Off, the time cotangent is that of the points alone, and the dL/dt of a gradient through this
    /// system lacks the log-densities' part: only for a caller that uses dL/dθ and dL/dy0 alone, as the flow's loss does.
    /// </summary>
    public bool TimeCotangent { get; init; } = true;

    /// <summary>
    /// Whether the chunks of <see cref="ChunkSize"/> points run on the machine's cores. The results are the same bits
    /// either way: every chunk sums its own parameter cotangent, and the chunks' sums are added in order.
    /// </summary>
    public bool Parallel { get; init; }

    /// <summary>
    /// Whether Hutchinson's estimate runs <see cref="Lanes.Count"/> points at a time on the dynamics' lane kernels
    /// (<see cref="IOdeSystem.HasLanes"/> and <see cref="IOdeSystem.HasSecondOrderLanes"/>; default true). The
    /// results agree with the point-by-point path to rounding (the kernels fuse multiply-adds); the exact trace always
    /// runs point by point.
    /// </summary>
    public bool UseLanes { get; init; } = true;

    private bool OnLanes => UseLanes && Trace == TraceEstimator.Hutchinson && _f.HasLanes && _f.HasSecondOrderLanes && Vector.IsHardwareAccelerated;

    /// <summary>Hutchinson's noise vectors, <see cref="Dimension"/> per point, point after point; fill before a solve.</summary>
    public Span<double> Noise => _noise;

    /// <inheritdoc/>
    public int StateSize => _batch * (_d + 1);

    /// <inheritdoc/>
    public int ParameterSize => _m;

    /// <inheritdoc/>
    public SparsityPattern JacobianYSparsity => _sparsity;

    /// <summary>Draws fresh noise vectors from <paramref name="random"/>.</summary>
    public void DrawNoise(Random random, HutchinsonNoise kind = HutchinsonNoise.Rademacher)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < _noise.Length; i++)
            _noise[i] = kind == HutchinsonNoise.Rademacher ? (random.Next(2) == 0 ? -1.0 : 1.0) : Gaussian(random);
    }

    /// <inheritdoc/>
    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        if (!Parallel || _chunks.Length == 1)
        {
            for (int c = 0; c < _chunks.Length; c++) ForwardChunk(c, t, y, p, dy);
            return;
        }
        // Spans cannot enter a lambda: the chunks work on copies in arrays, and the result is copied out.
        var buffers = Buffers(y, p, default);
        System.Threading.Tasks.Parallel.For(0, _chunks.Length, c => ForwardChunk(c, t, buffers.Y, buffers.P, buffers.Dy));
        buffers.Dy.CopyTo(dy);
    }

    private void ForwardChunk(int c, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        int d = _d, densities = _batch * d;
        var chunk = _chunks[c];
        int b = c * ChunkSize, end = Math.Min(_batch, (c + 1) * ChunkSize);
        if (OnLanes)
            for (; b + Lanes.Count <= end; b += Lanes.Count) ForwardGroup(chunk.Lanes, t, y, p, dy, b);
        for (; b < end; b++)
        {
            var z = y.Slice(b * d, d);
            var dz = dy.Slice(b * d, d);
            if (Trace == TraceEstimator.Exact)
            {
                _f.Forward(t, z, p, dz);
                dy[densities + b] = _f.Divergence(t, z, p);
            }
            else
            {
                var epsilon = _noise.AsSpan(b * d, d);
                _f.Jvp(t, z, p, epsilon, _zeroP, 0.0, dz, chunk.Jv);
                dy[densities + b] = Dot(epsilon, chunk.Jv);
            }
        }
    }

    /// <inheritdoc/>
    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
        Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        if (!Parallel || _chunks.Length == 1)
        {
            for (int c = 0; c < _chunks.Length; c++) VjpChunk(c, t, y, p, w, dy, wJy);
        }
        else
        {
            var buffers = Buffers(y, p, w);
            bool writesF = !dy.IsEmpty;
            System.Threading.Tasks.Parallel.For(0, _chunks.Length, c => VjpChunk(c, t, buffers.Y, buffers.P, buffers.W, writesF ? buffers.Dy : null, buffers.WJy));
            if (writesF) buffers.Dy.CopyTo(dy);
            buffers.WJy.CopyTo(wJy);
        }
        // The chunks' sums in order: the same bits on any number of cores.
        _chunks[0].WJp.CopyTo(wJp);
        double wJt = _chunks[0].WJt;
        for (int c = 1; c < _chunks.Length; c++)
        {
            var partial = _chunks[c].WJp;
            for (int k = 0; k < _m; k++) wJp[k] += partial[k];
            wJt += _chunks[c].WJt;
        }
        return wJt;
    }

    private void VjpChunk(int c, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
        Span<double> dy, Span<double> wJy)
    {
        int d = _d, densities = _batch * d;
        var chunk = _chunks[c];
        var wJp = chunk.WJp.AsSpan();
        wJp.Clear();
        double wJt = 0;
        int b = c * ChunkSize, end = Math.Min(_batch, (c + 1) * ChunkSize);
        if (OnLanes && b + Lanes.Count <= end)
        {
            var lanes = chunk.Lanes;
            lanes.WJp.AsSpan().Clear();
            var wJtLanes = Vector<double>.Zero;
            for (; b + Lanes.Count <= end; b += Lanes.Count) wJtLanes += VjpGroup(lanes, t, y, p, w, dy, wJy, b);
            LaneBlocks.AddLaneSums(lanes.WJp, wJp);
            wJt = Vector.Sum(wJtLanes);
        }
        for (; b < end; b++)
        {
            var z = y.Slice(b * d, d);
            var wz = wJy.Slice(b * d, d);
            wz.Clear();
            wJt += _f.VjpAccumulate(t, z, p, w.Slice(b * d, d), dy.IsEmpty ? Span<double>.Empty : dy.Slice(b * d, d), wz, wJp);
            wJy[densities + b] = 0.0;
            double omega = w[densities + b];
            if (omega == 0.0 && dy.IsEmpty) continue;
            double trace = TraceGradient(chunk, t, z, p, b);
            if (!dy.IsEmpty) dy[densities + b] = trace;
            if (omega == 0.0) continue;
            for (int i = 0; i < d; i++) wz[i] += omega * chunk.Gy[i];
            for (int k = 0; k < _m; k++) wJp[k] += omega * chunk.Gp[k];
            if (TimeCotangent) wJt += omega * TraceTimeDerivative(chunk, t, z, p, b);
        }
        chunk.WJt = wJt;
    }

    /// <summary>Points b … b + Lanes.Count - 1 on the lane kernels: f and Hutchinson's εᵀ J ε from one JVP with v = ε.</summary>
    private void ForwardGroup(LaneScratch lanes, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy, int b)
    {
        int d = _d;
        LaneBlocks.Gather(y, b, d, lanes.Z);
        LaneBlocks.Gather(_noise, b, d, lanes.Epsilon);
        _f.JvpLanes(t, lanes.Z, p, lanes.Epsilon, _zeroP, 0.0, lanes.Dz, lanes.Jv);
        LaneBlocks.Scatter(lanes.Dz, dy, b, d);
        Dot(lanes.Epsilon, lanes.Jv).CopyTo(dy.Slice(_batch * d + b, Lanes.Count));
    }

    /// <summary>
    /// The VJP of points b … b + Lanes.Count - 1 on the lane kernels: the dynamics' VJP, and the gradient of
    /// <c>ω εᵀ J ε</c> as one second-order product with v = ε, w = ω ε, added into the same lanes of wJy and wJp.
    /// Returns the lanes' time cotangents.
    /// </summary>
    private Vector<double> VjpGroup(LaneScratch lanes, double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
        Span<double> dy, Span<double> wJy, int b)
    {
        int d = _d, densities = _batch * d;
        LaneBlocks.Gather(y, b, d, lanes.Z);
        LaneBlocks.Gather(w, b, d, lanes.W);
        LaneBlocks.Gather(_noise, b, d, lanes.Epsilon);
        var omega = new Vector<double>(w.Slice(densities + b, Lanes.Count));
        lanes.WJy.AsSpan().Clear();
        var wJt = _f.VjpAccumulateLanes(t, lanes.Z, p, lanes.W, dy.IsEmpty ? Span<Vector<double>>.Empty : lanes.Dz, lanes.WJy, lanes.WJp);
        if (!dy.IsEmpty) LaneBlocks.Scatter(lanes.Dz, dy, b, d);
        for (int i = 0; i < d; i++) lanes.OmegaEpsilon[i] = omega * lanes.Epsilon[i];
        _f.JvpVjpAccumulateLanes(t, lanes.Z, p, lanes.Epsilon, _zeroP, 0.0, lanes.OmegaEpsilon, lanes.Jv, lanes.WJy, lanes.WJp);
        LaneBlocks.Scatter(lanes.WJy, wJy, b, d);
        wJy.Slice(densities + b, Lanes.Count).Clear();
        if (!dy.IsEmpty) Dot(lanes.Epsilon, lanes.Jv).CopyTo(dy.Slice(densities + b, Lanes.Count));
        if (!TimeCotangent) return wJt;
        double h = TimeStep(t);
        return wJt + omega * (TraceOnLanes(lanes, t + h, p) - TraceOnLanes(lanes, t - h, p)) / (2 * h);
    }

    /// <summary>εᵀ J ε of the gathered points at time t (for the trace's derivative in t).</summary>
    private Vector<double> TraceOnLanes(LaneScratch lanes, double t, ReadOnlySpan<double> p)
    {
        _f.JvpLanes(t, lanes.Z, p, lanes.Epsilon, _zeroP, 0.0, Span<Vector<double>>.Empty, lanes.Jv);
        return Dot(lanes.Epsilon, lanes.Jv);
    }

    /// <summary>The trace (or its estimate) at point b, with its gradient in z into _gy and in θ into _gp.</summary>
    private double TraceGradient(Chunk chunk, double t, ReadOnlySpan<double> z, ReadOnlySpan<double> p, int b)
    {
        if (Trace == TraceEstimator.Exact) return _f.DivergenceGradient(t, z, p, chunk.Gy, chunk.Gp);
        // εᵀ J ε and its gradient: the JvpVjp with v = w = ε.
        var epsilon = _noise.AsSpan(b * _d, _d);
        _f.JvpVjp(t, z, p, epsilon, _zeroP, epsilon, chunk.Jv, chunk.Gy, chunk.Gp);
        return Dot(epsilon, chunk.Jv);
    }

    /// <summary>∂/∂t of the trace at point b by a central difference (Press et al., Numerical Recipes, Sect. 5.7).</summary>
    private double TraceTimeDerivative(Chunk chunk, double t, ReadOnlySpan<double> z, ReadOnlySpan<double> p, int b)
    {
        double h = TimeStep(t);
        return (TraceAt(chunk, t + h, z, p, b) - TraceAt(chunk, t - h, z, p, b)) / (2 * h);
    }

    /// <summary>The step of the central difference in t: the cube root of machine epsilon, relative to |t| beyond 1.</summary>
    private static double TimeStep(double t) => 6.055454452393343e-6 * Math.Max(1.0, Math.Abs(t));

    private double TraceAt(Chunk chunk, double t, ReadOnlySpan<double> z, ReadOnlySpan<double> p, int b)
    {
        if (Trace == TraceEstimator.Exact) return _f.Divergence(t, z, p);
        var epsilon = _noise.AsSpan(b * _d, _d);
        _f.Jvp(t, z, p, epsilon, _zeroP, 0.0, Span<double>.Empty, chunk.Jv);
        return Dot(epsilon, chunk.Jv);
    }

    private Arrays? _buffers;

    /// <summary>The inputs copied into arrays the parallel chunks can share (allocated once).</summary>
    private Arrays Buffers(ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w)
    {
        _buffers ??= new Arrays(new double[StateSize], new double[_m], new double[StateSize], new double[StateSize], new double[StateSize]);
        y.CopyTo(_buffers.Y);
        p.CopyTo(_buffers.P);
        w.CopyTo(_buffers.W);
        return _buffers;
    }

    private sealed record Arrays(double[] Y, double[] P, double[] W, double[] Dy, double[] WJy);

    /// <summary>A chunk's scratch and its partial sums.</summary>
    private sealed class Chunk(int d, int m)
    {
        public double[] Jv { get; } = new double[d];
        public double[] Gy { get; } = new double[d];
        public double[] Gp { get; } = new double[m];
        public double[] WJp { get; } = new double[m];
        public double WJt { get; set; }

        /// <summary>The lane kernels' buffers, made on first use.</summary>
        public LaneScratch Lanes => _lanes ??= new LaneScratch(d, m);

        private LaneScratch? _lanes;
    }

    /// <summary>A group of points on lanes: their states, cotangents, noise and outputs, and the chunk's wJp lanes.</summary>
    private sealed class LaneScratch(int d, int m)
    {
        public Vector<double>[] Z { get; } = new Vector<double>[d];
        public Vector<double>[] W { get; } = new Vector<double>[d];
        public Vector<double>[] Epsilon { get; } = new Vector<double>[d];
        public Vector<double>[] OmegaEpsilon { get; } = new Vector<double>[d];
        public Vector<double>[] Dz { get; } = new Vector<double>[d];
        public Vector<double>[] Jv { get; } = new Vector<double>[d];
        public Vector<double>[] WJy { get; } = new Vector<double>[d];
        public Vector<double>[] WJp { get; } = new Vector<double>[m];
    }

    /// <inheritdoc/>
    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt,
        Span<double> dy, Span<double> jv) => throw Unsupported(nameof(Jvp));

    /// <inheritdoc/>
    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => throw Unsupported(nameof(JacobianY));

    /// <inheritdoc/>
    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => throw Unsupported(nameof(JacobianP));

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => throw Unsupported(nameof(TimeDerivative));

    private static NotSupportedException Unsupported(string member) => new(
        $"A flow's augmented system has no {member}: the derivative of its trace would need third derivatives of f. " +
        "Solve it with an explicit solver (Dopri5, Tsit5, Dop853) and InterpolatingAdjoint, BacksolveAdjoint or DiscreteAdjoint, which need only its Vjp.");

    /// <summary>Point b's rows are its own columns (the dynamics' pattern) and its density's row reads all of them.</summary>
    private static SparsityPattern Pattern(SparsityPattern inner, int batch, int d)
    {
        var rows = new int[batch * (d + 1)][];
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < d; i++)
            {
                var columns = inner.ColumnsOf(i);
                rows[b * d + i] = new int[columns.Length];
                for (int k = 0; k < columns.Length; k++) rows[b * d + i][k] = b * d + columns[k];
            }
            rows[batch * d + b] = new int[d];
            for (int i = 0; i < d; i++) rows[batch * d + b][i] = b * d + i;
        }
        return SparsityPattern.FromRows(batch * (d + 1), rows);
    }

    /// <summary>Σ_i a_i b_i lane by lane, in the order of the per-point <see cref="Dot(ReadOnlySpan{double}, ReadOnlySpan{double})"/>.</summary>
    private static Vector<double> Dot(ReadOnlySpan<Vector<double>> a, ReadOnlySpan<Vector<double>> b)
    {
        var sum = Vector<double>.Zero;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>A standard normal draw (Box and Muller 1958).</summary>
    internal static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
