namespace OdeGen.SensitivityTests.Support;

/// <summary>
/// A generated system seen as a hand-written one without second derivatives: every first-order member delegates,
/// JvpVjp is the interface's refusing default, so the runtime takes its finite-difference paths.
/// </summary>
public readonly struct FirstOrderOnly<TSystem>(TSystem inner) : IOdeSystem
    where TSystem : IOdeSystem
{
    public int StateSize => inner.StateSize;

    public int ParameterSize => inner.ParameterSize;

    public SparsityPattern JacobianYSparsity => inner.JacobianYSparsity;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) => inner.Forward(t, y, p, dy);

    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt, Span<double> dy, Span<double> jv)
        => inner.Jvp(t, y, p, vy, vp, vt, dy, jv);

    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
        => inner.Vjp(t, y, p, w, dy, wJy, wJp);

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => inner.JacobianY(t, y, p, jac);

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => inner.JacobianP(t, y, p, jac);

    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => inner.TimeDerivative(t, y, p, dfdt);
}
