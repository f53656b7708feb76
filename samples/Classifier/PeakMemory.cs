using System;

namespace OdeGen.Samples.Classifier;

/// <summary>
/// Peak managed memory of training, measured rather than computed: the live managed heap (after a full, blocking
/// collection, <c>GC.GetTotalMemory(true)</c>) at the turn between a batch's forward and backward pass, where
/// everything the backward pass needs from the forward pass is held (the residual stack's block inputs, the discrete
/// adjoint's step states, the backsolve adjoint's final state only), less the live heap before the model was built
/// (the data set). It is probed on the first batch of every epoch; a full collection per batch would dominate the time.
/// </summary>
/// <remarks>
/// Not counted: the backward pass's own working arrays (adjoint states and solver stages, a few batch-sized vectors
/// for every model), and garbage not yet collected, which depends on the collector's budgets rather than on the model.
/// With several threads the probe sees every part of the batch at about the same point.
/// </remarks>
public sealed class PeakMemory
{
    private readonly long _baseline = GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>The largest live heap above the baseline seen by <see cref="Probe"/>, in bytes.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>Takes one measurement.</summary>
    public void Probe()
    {
        long live = GC.GetTotalMemory(forceFullCollection: true) - _baseline;
        lock (this) PeakBytes = Math.Max(PeakBytes, live);
    }

    /// <summary><see cref="PeakBytes"/> in MiB.</summary>
    public double PeakMegabytes => PeakBytes / (1024.0 * 1024.0);
}
