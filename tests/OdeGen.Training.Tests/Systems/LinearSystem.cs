namespace OdeGen.Training.Tests.Systems;

/// <summary>
/// A hand-written system <c>f = A y + B p + t c</c> with as many parameters as wanted: a class rather than a
/// generated struct, and large enough <c>p</c> to take the batched Vjp's heap-scratch path.
/// </summary>
public sealed class LinearSystem : IOdeSystem
{
    private readonly double[] _a, _b, _c;
    private readonly SparsityPattern _pattern;

    public LinearSystem(int stateSize, int parameterSize, Random random)
    {
        StateSize = stateSize;
        ParameterSize = parameterSize;
        _a = new double[stateSize * stateSize];
        var rows = new int[stateSize][];
        for (int i = 0; i < stateSize; i++)
        {
            // A tridiagonal A, so the pattern is not dense.
            var columns = Enumerable.Range(i - 1, 3).Where(j => j >= 0 && j < stateSize).ToArray();
            foreach (int j in columns) _a[i * stateSize + j] = random.NextDouble() - 0.5;
            rows[i] = columns;
        }
        _b = Enumerable.Range(0, stateSize * parameterSize).Select(_ => random.NextDouble() - 0.5).ToArray();
        _c = Enumerable.Range(0, stateSize).Select(_ => random.NextDouble() - 0.5).ToArray();
        _pattern = SparsityPattern.FromRows(stateSize, rows);
    }

    public int StateSize { get; }
    public int ParameterSize { get; }
    public SparsityPattern JacobianYSparsity => _pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy) =>
        Apply(y, p, t, dy);

    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt, Span<double> dy, Span<double> jv)
    {
        if (!dy.IsEmpty) Forward(t, y, p, dy);
        Apply(vy, vp, vt, jv);
    }

    /// <summary>jv = A vy + B vp + vt c.</summary>
    private void Apply(ReadOnlySpan<double> vy, ReadOnlySpan<double> vp, double vt, Span<double> jv)
    {
        int n = StateSize, m = ParameterSize;
        for (int i = 0; i < n; i++)
        {
            double sum = vt * _c[i];
            for (int j = 0; j < n; j++) sum += _a[i * n + j] * vy[j];
            for (int k = 0; k < m; k++) sum += _b[i * m + k] * vp[k];
            jv[i] = sum;
        }
    }

    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        int n = StateSize, m = ParameterSize;
        if (!dy.IsEmpty) Forward(t, y, p, dy);
        wJy.Clear();
        wJp.Clear();
        double wJt = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++) wJy[j] += w[i] * _a[i * n + j];
            for (int k = 0; k < m; k++) wJp[k] += w[i] * _b[i * m + k];
            wJt += w[i] * _c[i];
        }
        return wJt;
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => _a.CopyTo(jac);

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => _b.CopyTo(jac);

    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => _c.CopyTo(dfdt);
}
