using System;

namespace OdeGen;

/// <summary>
/// Supplies the cotangent <c>dL/dy(t_k)</c> of a loss <c>L = Σ_k ℓ_k(y(t_k))</c> at observation <paramref name="k"/>.
/// Called once per observation (never per step), in increasing <paramref name="k"/>.
/// </summary>
/// <param name="k">index of the observation time.</param>
/// <param name="t">the observation time <c>t_k</c>.</param>
/// <param name="y">the forward solution <c>y(t_k)</c>.</param>
/// <param name="dLdy">receives <c>dL/dy(t_k)</c>; it arrives zeroed and has the system's state size, so
/// accumulating with <c>+=</c> is fine. Every entry must be finite.</param>
public delegate void LossGradient(int k, double t, ReadOnlySpan<double> y, Span<double> dLdy);
