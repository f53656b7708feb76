using System;
using System.Numerics.Tensors;

namespace OdeGen;

/// <summary>
/// How a batch is cut into blocks for threads (<see cref="BatchOptions.MaxThreads"/>): units are lane groups, or single
/// copies when no copy runs on lanes; a block is <see cref="CopiesPerBlock"/> copies of them; the copies after the last
/// lane group run one by one on the calling thread after the blocks.
/// </summary>
public readonly partial struct BatchedSystem<TSystem>
{
    /// <summary>
    /// Copies in one block of work. Fixed, not chosen from the number of threads, because wJp is summed block by block:
    /// so the sum is the same bits on one thread and on many. 32 copies of the 64-128-64 MLP are about 0.1 ms of Vjp,
    /// long enough next to waking a thread (a few microseconds).
    /// </summary>
    public const int CopiesPerBlock = 32;

    private int Units => _laneGroups > 0 ? _laneGroups : _batchSize;

    private int UnitsPerBlock => _laneGroups > 0 ? CopiesPerBlock / Lanes.Count : CopiesPerBlock;

    private int Blocks => (Units + UnitsPerBlock - 1) / UnitsPerBlock;

    /// <summary>The first copy that is in no unit: the copies after the last lane group (none when no copy runs on lanes).</summary>
    private int FirstRestCopy => _laneGroups > 0 ? CopiesOnLanes : _batchSize;

    /// <summary>Whether calls split the blocks over threads: more than one thread allowed and more than one block.</summary>
    private bool IsSplit => _maxThreads > 1 && Blocks > 1;

    /// <summary>The number of threads a call may use (<see cref="BatchOptions.MaxThreads"/>).</summary>
    public int MaxThreads => _maxThreads;

    /// <summary>The blocks' VJPs on the threads, each block's share of wJp in its own row of the job's scratch; then the shares added in the blocks' order.</summary>
    private double VjpOnThreads(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w,
                                Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        var job = BlockJob.ForThisThread(this);
        job.Vjp(t, y, p, w, dy, wJy);
        int m = _parameterSize;
        double wJt = 0;
        for (int block = 0; block < Blocks; block++)
        {
            TensorPrimitives.Add(wJp, job.Shares.AsSpan(block * m, m), wJp);
            wJt += job.TimeShares[block];
        }
        return wJt;
    }

    /// <summary>
    /// One call's blocks as work for <see cref="BatchThreads"/>: the spans of the call, pinned for its length and
    /// read through pointers by the threads (a span cannot leave its thread), and one row of wJp per block. One job per
    /// calling thread and inner system type, made on the thread's first split call and reused.
    /// </summary>
    private sealed unsafe class BlockJob : IBlockWork
    {
        [ThreadStatic]
        private static BlockJob? t_job;

        private enum Member { Forward, Jvp, Vjp }

        private BatchedSystem<TSystem> _batch;
        private Member _member;
        private double _t, _vt;
        private double* _y, _p, _v, _vp, _dy, _out;
        private int _dyLength;

        public double[] Shares = Array.Empty<double>();
        public double[] TimeShares = Array.Empty<double>();

        public static BlockJob ForThisThread(BatchedSystem<TSystem> batch)
        {
            var job = t_job ??= new BlockJob();
            job._batch = batch;
            return job;
        }

        public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
        {
            fixed (double* py = y, pp = p, pdy = dy)
            {
                Set(Member.Forward, t, 0, py, pp, null, null, pdy, dy.Length, null);
                Run();
            }
        }

        public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt,
                        Span<double> dy, Span<double> jv)
        {
            fixed (double* py = y, pp = p, pvy = vy, pvp = vp, pdy = dy, pjv = jv)
            {
                Set(Member.Jvp, t, vt, py, pp, pvy, pvp, pdy, dy.Length, pjv);
                Run();
            }
        }

        public void Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy)
        {
            int blocks = _batch.Blocks, m = _batch._parameterSize;
            if (Shares.Length < blocks * m) Shares = new double[blocks * m];
            if (TimeShares.Length < blocks) TimeShares = new double[blocks];
            fixed (double* py = y, pp = p, pw = w, pdy = dy, pwJy = wJy)
            {
                Set(Member.Vjp, t, 0, py, pp, pw, null, pdy, dy.Length, pwJy);
                Run();
            }
        }

        private void Set(Member member, double t, double vt, double* y, double* p, double* v, double* vp, double* dy, int dyLength, double* output)
        {
            _member = member;
            _t = t;
            _vt = vt;
            _y = y;
            _p = p;
            _v = v;
            _vp = vp;
            _dy = dy;
            _dyLength = dyLength;
            _out = output;
        }

        private void Run()
        {
            try
            {
                BatchThreads.Run(this, _batch.Blocks, _batch._maxThreads);
            }
            finally
            {
                _y = _p = _v = _vp = _dy = _out = null;
            }
        }

        public void Run(int block)
        {
            var batch = _batch;
            int size = batch.StateSize, m = batch._parameterSize;
            var y = new ReadOnlySpan<double>(_y, size);
            var p = new ReadOnlySpan<double>(_p, m);
            var dy = new Span<double>(_dy, _dyLength);
            int from = block * batch.UnitsPerBlock, to = Math.Min(from + batch.UnitsPerBlock, batch.Units);
            switch (_member)
            {
                case Member.Forward:
                    batch.ForwardUnits(_t, y, p, dy, from, to);
                    break;
                case Member.Jvp:
                    batch.JvpUnits(_t, y, p, new ReadOnlySpan<double>(_v, size), new ReadOnlySpan<double>(_vp, m), _vt, dy, new Span<double>(_out, size), from, to);
                    break;
                case Member.Vjp:
                    var share = Shares.AsSpan(block * m, m);
                    share.Clear();
                    TimeShares[block] = batch.VjpBlock(_t, y, p, new ReadOnlySpan<double>(_v, size), dy, new Span<double>(_out, size), share, block);
                    break;
            }
        }
    }
}
