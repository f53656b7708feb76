namespace OdeGen.Flows;

/// <summary>The mean negative log-likelihood of a batch under a flow, its gradient in θ, and the work of each pass.</summary>
public sealed record FlowLoss(double Value, double[] Gradient, SolverStats ForwardStats, SolverStats BackwardStats);
