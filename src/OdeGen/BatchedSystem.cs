using System;
using System.Numerics.Tensors;
using System.Numerics;

namespace OdeGen;

/// <summary>
/// An <see cref="IOdeSystem"/> made of <see cref="BatchSize"/> independent copies of an inner system that share one
/// parameter vector: the state is the copies' states laid out one after another,
/// <c>[y_0, y_1, …, y_(B-1)]</c>, each of the inner system's <c>StateSize</c> n, and the parameters are the inner
/// system's <c>p</c> (length m). It is how a batch of trajectories (several initial conditions, one model) is solved
/// and differentiated in one call, as with a batched state in torchdiffeq or a <c>vmap</c> in Diffrax.
/// </summary>
/// <remarks>
/// <para>
/// Every member applies the inner system copy by copy, so its derivatives follow from the inner ones:
/// <c>df/dy</c> is block-diagonal (copies do not interact), <c>df/dp</c> stacks the copies' <c>n x m</c> blocks,
/// and the vector-Jacobian product with respect to the shared <c>p</c> (and to <c>t</c>) is the sum over the
/// copies, which is the gradient of a loss summed over the batch.
/// </para>
/// <para>
/// A <c>readonly struct</c>, so that solvers and gradient methods generic over <c>TSystem : IOdeSystem</c> are
/// specialized by the JIT for it and for the inner system. No member allocates after a thread's first call, and
/// none keeps mutable state in the instance: one instance (and every copy of the struct) may be used from many
/// threads at once. <see cref="Vjp"/> accumulates parameter cotangents on the stack up to
/// <see cref="StackScratchLimit"/> parameters, and above it in an array owned by the calling thread (created on
/// its first such call, grown when a larger system needs it). The block-diagonal <see cref="JacobianYSparsity"/> is
/// built when first read (once, safely from any thread) and shared by the copies of the struct. Use the constructor:
/// <c>default(BatchedSystem&lt;TSystem&gt;)</c> is not a usable system.
/// </para>
/// </remarks>
/// <typeparam name="TSystem">The inner system, typically a generated struct.</typeparam>
public readonly partial struct BatchedSystem<TSystem> : IOdeSystem
    where TSystem : IOdeSystem
{
    /// <summary>
    /// Largest parameter count for which <see cref="Vjp"/> accumulates on the stack (2 KiB); above it, in the calling
    /// thread's scratch array.
    /// </summary>
    public const int StackScratchLimit = 256;

    /// <summary>
    /// The calling thread's parameter scratch for systems above <see cref="StackScratchLimit"/>: per thread, so that
    /// concurrent calls never share it; one per inner system type, reused by every instance on the thread.
    /// (A Vjp of this type cannot run inside another on the same thread: the inner system is a different type.)
    /// </summary>
    [ThreadStatic]
    private static double[]? t_parameterScratch;

    /// <summary>The calling thread's vectors for the lane kernels: a group's y, dy, vy (or w), jv (or wJy), and wJp's lanes.</summary>
    [ThreadStatic]
    private static Vector<double>[]? t_laneScratch;

    private readonly TSystem _system;
    private readonly int _innerStateSize;
    private readonly int _parameterSize;
    private readonly int _batchSize;
    private readonly Lazy<SparsityPattern> _sparsity;
    private readonly int _laneGroups;
    private readonly bool _lanePairs;
    private readonly int _maxThreads;

    /// <summary>
    /// <paramref name="batchSize"/> copies of <paramref name="system"/> sharing one parameter vector.
    /// </summary>
    /// <param name="system">The inner system, applied to every copy.</param>
    /// <param name="batchSize">The number of copies, at least 1.</param>
    /// <param name="options">Lane kernels and threads (<see cref="BatchOptions.Default"/> when null: lanes, one thread).</param>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> is null (a class implementing the interface).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1, the batched state size overflows, or <see cref="BatchOptions.MaxThreads"/> is less than 1.</exception>
    public BatchedSystem(TSystem system, int batchSize, BatchOptions? options = null)
    {
        if (system is null) throw new ArgumentNullException(nameof(system));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        options ??= BatchOptions.Default;
        if (options.MaxThreads < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxThreads, "BatchOptions.MaxThreads must be at least 1 (1 runs on the calling thread).");
        _maxThreads = options.MaxThreads;
        int n = system.StateSize;
        long total = (long)n * batchSize;
        if (total > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"{batchSize} copies of a state of size {n} exceed the largest array.");

        _system = system;
        _innerStateSize = n;
        _parameterSize = system.ParameterSize;
        _batchSize = batchSize;
        // Made on first use: for a convolutional state the pattern of a large batch is tens of MB (B times the inner
        // non-zeros, as CSR), which solvers and gradient methods that never read it should not hold.
        _sparsity = new Lazy<SparsityPattern>(() => system.JacobianYSparsity.BlockDiagonal(batchSize));
        // Groups of Lanes.Count copies run on the inner system's lane kernels when it has them and the machine's
        // vectors are that wide; the remaining copies (and every copy otherwise) run one by one.
        _laneGroups = options.UseLanes && system.HasLanes && Vector.IsHardwareAccelerated ? batchSize / Lanes.Count : 0;
        _lanePairs = _laneGroups > 1 && options.UseLanePairs && system.HasLanePairs;
    }

    /// <summary>
    /// How many copies run on the inner system's lane kernels (<see cref="IOdeSystem.HasLanes"/>), in groups of
    /// <see cref="Lanes.Count"/>; the rest run one by one. Zero when the inner system has no lane kernels or the machine
    /// has no SIMD vectors (<see cref="System.Numerics.Vector.IsHardwareAccelerated"/>).
    /// </summary>
    public int CopiesOnLanes => _laneGroups * Lanes.Count;

    /// <summary>The inner system applied to every copy.</summary>
    public TSystem Inner => _system;

    /// <summary>The number of copies B.</summary>
    public int BatchSize => _batchSize;

    /// <summary>The inner system's state size n; copy <c>b</c> occupies <c>y[b*n .. (b+1)*n)</c>.</summary>
    public int InnerStateSize => _innerStateSize;

    /// <summary><c>B * n</c>.</summary>
    public int StateSize => _innerStateSize * _batchSize;

    /// <summary>The inner system's parameter size m: one parameter vector is shared by every copy.</summary>
    public int ParameterSize => _parameterSize;

    /// <summary>The inner pattern repeated on the diagonal, <see cref="SparsityPattern.BlockDiagonal"/>; computed once, when first read.</summary>
    public SparsityPattern JacobianYSparsity => _sparsity.Value;

    /// <summary>Copy <paramref name="index"/>'s part of a batched state-sized vector.</summary>
    public Span<double> Copy(Span<double> batched, int index) => batched.Slice(CopyStart(index), _innerStateSize);

    /// <summary>Copy <paramref name="index"/>'s part of a batched state-sized vector.</summary>
    public ReadOnlySpan<double> Copy(ReadOnlySpan<double> batched, int index) => batched.Slice(CopyStart(index), _innerStateSize);

    /// <summary><c>dy = f(t, y, p)</c>: the inner <c>Forward</c> on every copy.</summary>
    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        CheckState(y, nameof(y));
        CheckParameters(p, nameof(p));
        CheckState(dy, nameof(dy));
        if (IsSplit) BlockJob.ForThisThread(this).Forward(t, y, p, dy);
        else ForwardUnits(t, y, p, dy, 0, Units);
        int n = _innerStateSize;
        for (int b = FirstRestCopy; b < _batchSize; b++) _system.Forward(t, y.Slice(b * n, n), p, dy.Slice(b * n, n));
    }

    /// <summary>Forward on units [<paramref name="from"/>, <paramref name="to"/>): lane groups, or single copies when no copy runs on lanes.</summary>
    private void ForwardUnits(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy, int from, int to)
    {
        int n = _innerStateSize;
        if (_laneGroups == 0)
        {
            for (int b = from; b < to; b++) _system.Forward(t, y.Slice(b * n, n), p, dy.Slice(b * n, n));
            return;
        }
        var lanes = LaneScratch(4 * n);
        Span<Vector<double>> yLanes = lanes.Slice(0, 2 * n), dyLanes = lanes.Slice(2 * n, 2 * n);
        for (int group = from, groups; group < to; group += groups)
        {
            groups = GroupsAt(group, to);
            GatherGroups(y, group, groups, n, yLanes);
            if (groups == 2) _system.ForwardLanePair(t, yLanes, p, dyLanes);
            else _system.ForwardLanes(t, yLanes.Slice(0, n), p, dyLanes.Slice(0, n));
            ScatterGroups(dyLanes, dy, group, groups, n);
        }
    }

    /// <summary>Lane groups the call at <paramref name="group"/> runs: two on the pair kernels while two remain before <paramref name="to"/>, else one.</summary>
    private int GroupsAt(int group, int to) => _lanePairs && group + 1 < to ? 2 : 1;

    private static void GatherGroups(ReadOnlySpan<double> batched, int group, int groups, int n, Span<Vector<double>> lanes)
    {
        for (int g = 0; g < groups; g++) LaneBlocks.Gather(batched, (group + g) * Lanes.Count, n, lanes.Slice(g * n, n));
    }

    private static void ScatterGroups(ReadOnlySpan<Vector<double>> lanes, Span<double> batched, int group, int groups, int n)
    {
        for (int g = 0; g < groups; g++) LaneBlocks.Scatter(lanes.Slice(g * n, n), batched, (group + g) * Lanes.Count, n);
    }

    private static void ScatterAddGroups(ReadOnlySpan<Vector<double>> lanes, Span<double> batched, int group, int groups, int n)
    {
        for (int g = 0; g < groups; g++) LaneBlocks.ScatterAdd(lanes.Slice(g * n, n), batched, (group + g) * Lanes.Count, n);
    }

    /// <summary>
    /// <c>jv = (df/dy) vy + (df/dp) vp + (df/dt) vt</c>: the inner <c>Jvp</c> on every copy with that copy's part of
    /// <paramref name="vy"/> and the same <paramref name="vp"/> and <paramref name="vt"/>; also writes <c>f</c> into
    /// <paramref name="dy"/> unless it is empty.
    /// </summary>
    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                    ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt,
                    Span<double> dy, Span<double> jv)
    {
        CheckState(y, nameof(y));
        CheckParameters(p, nameof(p));
        CheckState(vy, nameof(vy));
        CheckParameters(vp, nameof(vp));
        if (!dy.IsEmpty) CheckState(dy, nameof(dy));
        CheckState(jv, nameof(jv));
        if (IsSplit) BlockJob.ForThisThread(this).Jvp(t, y, p, vy, vp, vt, dy, jv);
        else JvpUnits(t, y, p, vy, vp, vt, dy, jv, 0, Units);
        int n = _innerStateSize;
        for (int b = FirstRestCopy; b < _batchSize; b++)
            _system.Jvp(t, y.Slice(b * n, n), p, vy.Slice(b * n, n), vp, vt, dy.IsEmpty ? Span<double>.Empty : dy.Slice(b * n, n), jv.Slice(b * n, n));
    }

    private void JvpUnits(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt,
                          Span<double> dy, Span<double> jv, int from, int to)
    {
        int n = _innerStateSize;
        bool writeDy = !dy.IsEmpty;
        if (_laneGroups == 0)
        {
            for (int b = from; b < to; b++)
                _system.Jvp(t, y.Slice(b * n, n), p, vy.Slice(b * n, n), vp, vt, writeDy ? dy.Slice(b * n, n) : Span<double>.Empty, jv.Slice(b * n, n));
            return;
        }
        var lanes = LaneScratch(4 * n);
        Span<Vector<double>> yLanes = lanes.Slice(0, n), dyLanes = lanes.Slice(n, n), vyLanes = lanes.Slice(2 * n, n), jvLanes = lanes.Slice(3 * n, n);
        for (int group = from; group < to; group++)
        {
            int first = group * Lanes.Count;
            LaneBlocks.Gather(y, first, n, yLanes);
            LaneBlocks.Gather(vy, first, n, vyLanes);
            _system.JvpLanes(t, yLanes, p, vyLanes, vp, vt, writeDy ? dyLanes : Span<Vector<double>>.Empty, jvLanes);
            if (writeDy) LaneBlocks.Scatter(dyLanes, dy, first, n);
            LaneBlocks.Scatter(jvLanes, jv, first, n);
        }
    }

    /// <summary>
    /// Vector-Jacobian product: <c>wJy</c> is the inner <c>wᵀ df/dy</c> of every copy with that copy's part of
    /// <paramref name="w"/>; <c>wJp</c> and the returned <c>wᵀ df/dt</c> are summed over the copies, because they
    /// share <c>p</c> and <c>t</c>. Also writes <c>f</c> into <paramref name="dy"/> unless it is empty.
    /// </summary>
    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                      ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        CheckVjpArguments(y, p, w, dy, wJy, wJp);
        if (InnerAccumulates || _laneGroups > 0)
        {
            wJy.Clear();
            wJp.Clear();
            return AccumulateCopies(t, y, p, w, dy, wJy, wJp);
        }
        // A hand-written inner system that only overwrites: each copy through scratch, on the calling thread.

        int n = _innerStateSize, m = _parameterSize;
        Span<double> scratch = m <= StackScratchLimit ? stackalloc double[m] : ThreadScratch(m);
        bool writeDy = !dy.IsEmpty;

        // Copy 0 writes wJp directly; later copies write the scratch, which is added in.
        double wJt = _system.Vjp(t, y.Slice(0, n), p, w.Slice(0, n),
                                 writeDy ? dy.Slice(0, n) : Span<double>.Empty, wJy.Slice(0, n), wJp);
        for (int b = 1, offset = n; b < _batchSize; b++, offset += n)
        {
            wJt += _system.Vjp(t, y.Slice(offset, n), p, w.Slice(offset, n),
                               writeDy ? dy.Slice(offset, n) : Span<double>.Empty, wJy.Slice(offset, n), scratch);
            // Vectorized: summing 252 parameters 19 times was a sixth of the spiral batch's Vjp done element by element.
            TensorPrimitives.Add(wJp, scratch, wJp);
        }
        return wJt;
    }

    private static Span<Vector<double>> LaneScratch(int length)
    {
        var scratch = t_laneScratch;
        if (scratch is null || scratch.Length < length) t_laneScratch = scratch = new Vector<double>[length];
        return scratch.AsSpan(0, length);
    }

    private static Span<double> ThreadScratch(int length)
    {
        var scratch = t_parameterScratch;
        if (scratch is null || scratch.Length < length) t_parameterScratch = scratch = new double[length];
        return scratch.AsSpan(0, length);
    }

    /// <summary>
    /// <see cref="Vjp"/> adding into <paramref name="wJy"/> and <paramref name="wJp"/> instead of overwriting them.
    /// With an inner system that implements <see cref="IOdeSystem.VjpAccumulate"/> itself (generated systems with
    /// loops do), every copy adds straight into <paramref name="wJp"/>; otherwise through rented arrays.
    /// </summary>
    public double VjpAccumulate(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                                ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        CheckVjpArguments(y, p, w, dy, wJy, wJp);
        if (InnerAccumulates || _laneGroups > 0) return AccumulateCopies(t, y, p, w, dy, wJy, wJp);
        var self = this;
        return VjpAccumulation.ThroughRentedArrays(ref self, t, y, p, w, dy, wJy, wJp);
    }

    /// <summary>
    /// Every copy's VJP added in place, block by block (<see cref="CopiesPerBlock"/> copies), then the copies after the
    /// last lane group one by one. Each block's share of the shared cotangents is summed apart and then added, in the
    /// blocks' order, so the result does not depend on how many threads ran the blocks.
    /// </summary>
    private double AccumulateCopies(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                                    ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        double wJt = 0;
        if (IsSplit)
        {
            wJt = VjpOnThreads(t, y, p, w, dy, wJy, wJp);
        }
        else
        {
            for (int block = 0; block < Blocks; block++) wJt += VjpBlock(t, y, p, w, dy, wJy, wJp, block);
        }
        int n = _innerStateSize;
        for (int b = FirstRestCopy; b < _batchSize; b++)
            wJt += _system.VjpAccumulate(t, y.Slice(b * n, n), p, w.Slice(b * n, n), dy.IsEmpty ? Span<double>.Empty : dy.Slice(b * n, n), wJy.Slice(b * n, n), wJp);
        return wJt;
    }

    /// <summary>
    /// One block's VJP: its copies' wJy and dy, and its share of wJp added into <paramref name="into"/> (each parameter's
    /// lanes summed, or the copies' cotangents summed in a scratch vector, then added); returns its share of wJt.
    /// </summary>
    private double VjpBlock(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                            Span<double> dy, Span<double> wJy, Span<double> into, int block)
    {
        int n = _innerStateSize, m = _parameterSize;
        bool writeDy = !dy.IsEmpty;
        int from = block * UnitsPerBlock, to = Math.Min(from + UnitsPerBlock, Units);
        if (_laneGroups == 0)
        {
            Span<double> share = ThreadScratch(m);
            share.Clear();
            double copiesWJt = 0;
            for (int b = from; b < to; b++)
                copiesWJt += _system.VjpAccumulate(t, y.Slice(b * n, n), p, w.Slice(b * n, n), writeDy ? dy.Slice(b * n, n) : Span<double>.Empty, wJy.Slice(b * n, n), share);
            TensorPrimitives.Add(into, share, into);
            return copiesWJt;
        }
        var lanes = LaneScratch(8 * n + m);
        Span<Vector<double>> yLanes = lanes.Slice(0, 2 * n), dyLanes = lanes.Slice(2 * n, 2 * n), wLanes = lanes.Slice(4 * n, 2 * n),
            wJyLanes = lanes.Slice(6 * n, 2 * n), wJpLanes = lanes.Slice(8 * n, m);
        wJpLanes.Clear();
        var wJtLanes = Vector<double>.Zero;
        for (int group = from, groups; group < to; group += groups)
        {
            groups = GroupsAt(group, to);
            int length = groups * n;
            GatherGroups(y, group, groups, n, yLanes);
            GatherGroups(w, group, groups, n, wLanes);
            wJyLanes.Clear();
            var dyGroups = writeDy ? dyLanes.Slice(0, length) : Span<Vector<double>>.Empty;
            wJtLanes += groups == 2
                ? _system.VjpAccumulateLanePair(t, yLanes, p, wLanes, dyGroups, wJyLanes, wJpLanes)
                : _system.VjpAccumulateLanes(t, yLanes.Slice(0, n), p, wLanes.Slice(0, n), dyGroups, wJyLanes.Slice(0, n), wJpLanes);
            if (writeDy) ScatterGroups(dyLanes, dy, group, groups, n);
            ScatterAddGroups(wJyLanes, wJy, group, groups, n);
        }
        LaneBlocks.AddLaneSums(wJpLanes, into);
        return Vector.Sum(wJtLanes);
    }

    private void CheckVjpArguments(ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                                   Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        CheckState(y, nameof(y));
        CheckParameters(p, nameof(p));
        CheckState(w, nameof(w));
        if (!dy.IsEmpty) CheckState(dy, nameof(dy));
        CheckState(wJy, nameof(wJy));
        CheckParameters(wJp, nameof(wJp));
    }

    /// <summary>
    /// Whether <typeparamref name="TSystem"/> implements <see cref="IOdeSystem.VjpAccumulate"/> itself. Calling the
    /// interface's default on a struct would box it on every call, so only an own implementation is called per copy.
    /// Read once per inner type; the JIT then drops the branch not taken.
    /// </summary>
    private static readonly bool InnerAccumulates = ImplementsVjpAccumulate();

    private static bool ImplementsVjpAccumulate()
    {
        if (typeof(TSystem).IsInterface) return false;
        var map = typeof(TSystem).GetInterfaceMap(typeof(IOdeSystem));
        int i = Array.FindIndex(map.InterfaceMethods, m => m.Name == nameof(IOdeSystem.VjpAccumulate));
        return map.TargetMethods[i].DeclaringType != typeof(IOdeSystem);
    }

    /// <summary>
    /// Dense row-major <c>df/dy</c>, <c>StateSize x StateSize</c>: the inner Jacobians on the diagonal, zero elsewhere.
    /// Each block is written by the inner system into the start of its rows and then moved into place, so no scratch
    /// is needed.
    /// </summary>
    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        CheckState(y, nameof(y));
        CheckParameters(p, nameof(p));
        int n = _innerStateSize, size = StateSize;
        if (jac.Length != (long)size * size)
            throw new ArgumentException($"Expected length {(long)size * size} (StateSize²), got {jac.Length}.", nameof(jac));
        if (n == 0) return;

        for (int b = 0; b < _batchSize; b++)
        {
            // The block's n rows of the full matrix: n * size entries, the first n * n of which receive the block.
            Span<double> rows = jac.Slice(b * n * size, n * size);
            _system.JacobianY(t, y.Slice(b * n, n), p, rows.Slice(0, n * n));

            // Move row i from i*n to i*size + b*n, last row first: a row's target never precedes its source, so
            // the rows not yet moved are never overwritten (CopyTo handles the overlap of one row with itself).
            int column = b * n;
            for (int i = n - 1; i >= 0; i--)
                rows.Slice(i * n, n).CopyTo(rows.Slice(i * size + column, n));

            // Zero everything in these rows outside the block.
            for (int i = 0; i < n; i++)
            {
                Span<double> row = rows.Slice(i * size, size);
                row.Slice(0, column).Clear();
                row.Slice(column + n).Clear();
            }
        }
    }

    /// <summary>
    /// Dense row-major <c>df/dp</c>, <c>StateSize x ParameterSize</c>: the inner <c>n x m</c> Jacobians of the copies
    /// stacked one under another.
    /// </summary>
    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        CheckState(y, nameof(y));
        CheckParameters(p, nameof(p));
        int n = _innerStateSize, m = _parameterSize;
        if (jac.Length != (long)StateSize * m)
            throw new ArgumentException($"Expected length {(long)StateSize * m} (StateSize x ParameterSize), got {jac.Length}.", nameof(jac));
        int block = n * m;
        for (int b = 0; b < _batchSize; b++)
            _system.JacobianP(t, y.Slice(b * n, n), p, jac.Slice(b * block, block));
    }

    /// <summary><c>dfdt = ∂f/∂t</c>: the inner <c>TimeDerivative</c> on every copy.</summary>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt)
    {
        CheckState(y, nameof(y));
        CheckParameters(p, nameof(p));
        CheckState(dfdt, nameof(dfdt));
        int n = _innerStateSize;
        for (int b = 0, offset = 0; b < _batchSize; b++, offset += n)
            _system.TimeDerivative(t, y.Slice(offset, n), p, dfdt.Slice(offset, n));
    }

    private int CopyStart(int index)
    {
        if ((uint)index >= (uint)_batchSize) throw new ArgumentOutOfRangeException(nameof(index));
        return index * _innerStateSize;
    }

    private void CheckState(ReadOnlySpan<double> span, string name)
    {
        if (span.Length != _innerStateSize * _batchSize)
            throw new ArgumentException($"Expected length {_innerStateSize * _batchSize} (StateSize), got {span.Length}.", name);
    }

    private void CheckParameters(ReadOnlySpan<double> span, string name)
    {
        if (span.Length != _parameterSize)
            throw new ArgumentException($"Expected length {_parameterSize} (ParameterSize), got {span.Length}.", name);
    }
}
