namespace OdeGen;

/// <summary>How a step's interpolant is written in terms of its coefficient vectors <c>c_1 … c_m</c>.</summary>
internal enum DenseForm
{
    /// <summary>
    /// Hairer's nested form (dopri5.f CONTD5, dop853.f CONTD8):
    /// <c>c1 + θ(c2 + (1-θ)(c3 + θ(c4 + (1-θ)(c5 + …))))</c>, factors alternating θ and 1-θ.
    /// With <c>c1 = y0, c2 = y1 - y0, c3 = h f0 - c2, c4 = c2 - h f1 - c3</c> and nothing more it is the cubic Hermite interpolant.
    /// </summary>
    HairerNested,

    /// <summary>Power form <c>c1 + θ c2 + θ² c3 + …</c> (Tsitouras 2011's <c>b_i(θ)</c> polynomials, expanded).</summary>
    Power,
}
