namespace OdeGen;

/// <summary>
/// How a <see cref="BatchedSystem{TSystem}"/> runs its copies. The defaults suit a batch solved inside a loop that is
/// parallel already (one thread per call, lane kernels on); a sample or a training run that owns the machine sets
/// <see cref="MaxThreads"/> to <see cref="System.Environment.ProcessorCount"/>.
/// </summary>
public sealed record BatchOptions
{
    /// <summary>One thread, lane kernels when the inner system has them.</summary>
    public static BatchOptions Default { get; } = new();

    /// <summary>
    /// Whether groups of <see cref="Lanes.Count"/> copies run on the inner system's lane kernels
    /// (<see cref="IOdeSystem.HasLanes"/>). False runs every copy through the inner system's per-copy members, the
    /// reference the lane kernels are checked against.
    /// </summary>
    public bool UseLanes { get; init; } = true;

    /// <summary>
    /// Whether two lane groups run per call of the inner system's pair kernels (<see cref="IOdeSystem.HasLanePairs"/>)
    /// when it has them: a weight is read once for both groups, and its cotangent's lanes loaded and stored once. Each
    /// copy's outputs are the same bits either way; the shared <c>wJp</c> adds the same terms in another order. False
    /// runs one group per call.
    /// </summary>
    public bool UseLanePairs { get; init; } = true;

    /// <summary>
    /// The most threads one call uses, the calling thread included. A batch of at least two blocks of
    /// <see cref="BatchedSystem{TSystem}.CopiesPerBlock"/> copies is then split between them. The results are the same
    /// bits whatever the number: each copy is computed alone, and the shared cotangent <c>wJp</c> is summed block by
    /// block in the blocks' order. A call that finds the worker threads busy (a batch inside another's block, or two
    /// batches at once) runs on its own thread.
    /// </summary>
    public int MaxThreads { get; init; } = 1;
}
