using System;

namespace OdeGen.Benchmarks;

// Hand-written systems for the solver benchmarks (the generator's output will replace them in its own benchmarks).

/// <summary>Lorenz (1963); p = [sigma, rho, beta].</summary>
public readonly struct SolverLorenz : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.Dense(3, 3);

    public int StateSize => 3;
    public int ParameterSize => 3;
    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = p[0] * (y[1] - y[0]);
        dy[1] = y[0] * (p[1] - y[2]) - y[1];
        dy[2] = y[0] * y[1] - p[2] * y[2];
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = -p[0]; jac[1] = p[0]; jac[2] = 0;
        jac[3] = p[1] - y[2]; jac[4] = -1; jac[5] = -y[0];
        jac[6] = y[1]; jac[7] = y[0]; jac[8] = -p[2];
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac.Clear();
        jac[0] = y[1] - y[0];
        jac[4] = y[0];
        jac[8] = -y[2];
    }

    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp,
        double vt, Span<double> dy, Span<double> jv)
    {
        jv[0] = p[0] * (vy[1] - vy[0]) + vp[0] * (y[1] - y[0]);
        jv[1] = vy[0] * (p[1] - y[2]) + y[0] * (vp[1] - vy[2]) - vy[1];
        jv[2] = vy[0] * y[1] + y[0] * vy[1] - vp[2] * y[2] - p[2] * vy[2];
        if (!dy.IsEmpty) Forward(t, y, p, dy);
    }

    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy,
        Span<double> wJy, Span<double> wJp)
    {
        wJy[0] = -p[0] * w[0] + (p[1] - y[2]) * w[1] + y[1] * w[2];
        wJy[1] = p[0] * w[0] - w[1] + y[0] * w[2];
        wJy[2] = -y[0] * w[1] - p[2] * w[2];
        wJp[0] = (y[1] - y[0]) * w[0];
        wJp[1] = y[0] * w[1];
        wJp[2] = -y[2] * w[2];
        if (!dy.IsEmpty) Forward(t, y, p, dy);
        return 0;
    }
}

/// <summary>Robertson (1966) chemical kinetics; p = [k1, k2, k3].</summary>
public readonly struct SolverRobertson : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.Dense(3, 3);

    public int StateSize => 3;
    public int ParameterSize => 3;
    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        dy[0] = -p[0] * y[0] + p[2] * y[1] * y[2];
        dy[1] = p[0] * y[0] - p[1] * y[1] * y[1] - p[2] * y[1] * y[2];
        dy[2] = p[1] * y[1] * y[1];
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = -p[0]; jac[1] = p[2] * y[2]; jac[2] = p[2] * y[1];
        jac[3] = p[0]; jac[4] = -2 * p[1] * y[1] - p[2] * y[2]; jac[5] = -p[2] * y[1];
        jac[6] = 0; jac[7] = 2 * p[1] * y[1]; jac[8] = 0;
    }

    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        jac[0] = -y[0]; jac[1] = 0; jac[2] = y[1] * y[2];
        jac[3] = y[0]; jac[4] = -y[1] * y[1]; jac[5] = -y[1] * y[2];
        jac[6] = 0; jac[7] = y[1] * y[1]; jac[8] = 0;
    }

    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp,
        double vt, Span<double> dy, Span<double> jv)
    {
        Span<double> j = stackalloc double[9];
        Span<double> jp = stackalloc double[9];
        JacobianY(t, y, p, j);
        JacobianP(t, y, p, jp);
        for (int i = 0; i < 3; i++)
            jv[i] = j[3 * i] * vy[0] + j[3 * i + 1] * vy[1] + j[3 * i + 2] * vy[2] + jp[3 * i] * vp[0] + jp[3 * i + 1] * vp[1] + jp[3 * i + 2] * vp[2];
        if (!dy.IsEmpty) Forward(t, y, p, dy);
    }

    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy,
        Span<double> wJy, Span<double> wJp)
    {
        Span<double> j = stackalloc double[9];
        Span<double> jp = stackalloc double[9];
        JacobianY(t, y, p, j);
        JacobianP(t, y, p, jp);
        for (int c = 0; c < 3; c++)
        {
            wJy[c] = w[0] * j[c] + w[1] * j[3 + c] + w[2] * j[6 + c];
            wJp[c] = w[0] * jp[c] + w[1] * jp[3 + c] + w[2] * jp[6 + c];
        }
        if (!dy.IsEmpty) Forward(t, y, p, dy);
        return 0;
    }
}

/// <summary>Arenstorf orbit (HNW I, Sect. II.0); p = [mu]. Only Forward is needed by the explicit solvers benchmarked.</summary>
public readonly struct SolverArenstorf : IOdeSystem
{
    private static readonly SparsityPattern Pattern = SparsityPattern.Dense(4, 4);

    public int StateSize => 4;
    public int ParameterSize => 1;
    public SparsityPattern JacobianYSparsity => Pattern;

    public void Forward(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dy)
    {
        double mu = p[0], mup = 1 - mu;
        double a = y[0] + mu, b = y[0] - mup;
        double r1 = a * a + y[1] * y[1], r2 = b * b + y[1] * y[1];
        double d1 = r1 * Math.Sqrt(r1), d2 = r2 * Math.Sqrt(r2);
        dy[0] = y[2];
        dy[1] = y[3];
        dy[2] = y[0] + 2 * y[3] - mup * a / d1 - mu * b / d2;
        dy[3] = y[1] - 2 * y[2] - mup * y[1] / d1 - mu * y[1] / d2;
    }

    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => throw new NotSupportedException();
    public void JacobianP(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac) => throw new NotSupportedException();
    public void TimeDerivative(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> dfdt) => dfdt.Clear();

    public void Jvp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> vy, ReadOnlySpan<double> vp,
        double vt, Span<double> dy, Span<double> jv) => throw new NotSupportedException();

    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, ReadOnlySpan<double> w, Span<double> dy,
        Span<double> wJy, Span<double> wJp) => throw new NotSupportedException();
}
