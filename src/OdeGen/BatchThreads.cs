using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace OdeGen;

/// <summary>Work split into numbered blocks that may run on any thread, in any order.</summary>
internal interface IBlockWork
{
    void Run(int block);
}

/// <summary>
/// The worker threads that run the blocks of a batch beside the calling thread: started on first use (one fewer than the
/// machine's cores), parked on a semaphore between calls, so that a call allocates nothing. One call uses them at a
/// time; a call that finds them busy runs its blocks itself. Blocks are taken in turn from a shared counter, so a slow
/// thread takes fewer.
/// </summary>
internal static class BatchThreads
{
    private static readonly object StartLock = new();
    private static readonly SemaphoreSlim Wake = new(0);
    private static readonly ManualResetEventSlim Done = new(false);
    private static int s_started;
    private static int s_busy;
    private static IBlockWork? s_work;
    private static int s_blocks;
    private static int s_next;
    private static int s_pending;
    private static Exception? s_failure;
    private static long[] s_workerAllocations = [];

    /// <summary>Bytes the worker threads have allocated since they started, as each saw it after its last block (for the allocation tests: a process-wide count also sees the test host's threads).</summary>
    internal static long WorkerAllocatedBytes
    {
        get
        {
            var perWorker = Volatile.Read(ref s_workerAllocations);
            long total = 0;
            for (int worker = 0; worker < perWorker.Length; worker++) total += Volatile.Read(ref perWorker[worker]);
            return total;
        }
    }

    /// <summary>Runs blocks 0 .. <paramref name="blocks"/> - 1 of <paramref name="work"/> on at most <paramref name="maxThreads"/> threads and returns when all have run.</summary>
    public static void Run(IBlockWork work, int blocks, int maxThreads)
    {
        int helpers = Math.Min(Math.Min(maxThreads, Environment.ProcessorCount), blocks) - 1;
        if (helpers <= 0 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            for (int block = 0; block < blocks; block++) work.Run(block);
            return;
        }
        try
        {
            Start(Environment.ProcessorCount - 1);
            s_work = work;
            s_blocks = blocks;
            s_next = -1;
            s_failure = null;
            s_pending = helpers;
            Done.Reset();
            Wake.Release(helpers);
            Drain();
            // The helpers read the caller's memory: return only when every one of them has finished.
            Done.Wait();
            if (s_failure is { } failure) ExceptionDispatchInfo.Throw(failure);
        }
        finally
        {
            s_work = null;
            Volatile.Write(ref s_busy, 0);
        }
    }

    private static void Drain()
    {
        try
        {
            var work = s_work!;
            for (int block; (block = Interlocked.Increment(ref s_next)) < s_blocks;) work.Run(block);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref s_failure, e, null);
            // The other threads stop taking blocks.
            Volatile.Write(ref s_next, int.MaxValue - 1024);
        }
    }

    private static void Start(int count)
    {
        if (Volatile.Read(ref s_started) >= count) return;
        lock (StartLock)
        {
            if (s_workerAllocations.Length < count) Volatile.Write(ref s_workerAllocations, new long[count]);
            for (; s_started < count; s_started++)
            {
                int worker = s_started;
                var thread = new Thread(() => Serve(worker)) { IsBackground = true, Name = "OdeGen batch worker " + (worker + 1) };
                thread.Start();
            }
        }
    }

    private static void Serve(int worker)
    {
        while (true)
        {
            Wake.Wait();
            Drain();
            Volatile.Write(ref s_workerAllocations[worker], GC.GetAllocatedBytesForCurrentThread());
            if (Interlocked.Decrement(ref s_pending) == 0) Done.Set();
        }
    }
}
