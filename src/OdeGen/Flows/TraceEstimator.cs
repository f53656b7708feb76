namespace OdeGen.Flows;

/// <summary>How a flow computes <c>tr(∂f/∂z)</c>, the rate of change of the log-density.</summary>
public enum TraceEstimator
{
    /// <summary>The generated <see cref="IOdeSystem.Divergence"/>, exact (Chen et al. 2018, eq. 4).</summary>
    Exact,

    /// <summary>
    /// Hutchinson's unbiased estimate <c>εᵀ (∂f/∂z) ε</c> with one noise vector per point, fixed during a solve
    /// (Grathwohl et al. 2019, FFJORD, eq. 7): one JVP instead of one per dimension.
    /// </summary>
    Hutchinson,
}

/// <summary>The distribution of Hutchinson's noise vectors: both have zero mean and identity covariance.</summary>
public enum HutchinsonNoise
{
    /// <summary>Entries ±1 with equal probability: the estimator of least variance (Hutchinson 1990).</summary>
    Rademacher,

    /// <summary>Standard normal entries.</summary>
    Gaussian,
}
