using System;

namespace OdeGen.Benchmarks;

/// <summary>
/// Hand-written derivatives that the generated ones are measured against, with the same contract as
/// <see cref="IOdeSystem.Vjp"/> and <see cref="IOdeSystem.JacobianY"/>. Implemented by structs so that
/// the benchmarks call them through a constrained generic call, specialized and inlinable like the
/// generated struct.
/// </summary>
public interface IHandDerivatives
{
    /// <summary>Same contract as <see cref="IOdeSystem.Vjp"/>.</summary>
    double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
               ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp);

    /// <summary>Same contract as <see cref="IOdeSystem.JacobianY"/>.</summary>
    void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac);
}

/// <summary>Analytic derivatives of <see cref="DerivativeLorenz"/>.</summary>
public readonly struct DerivativeLorenzHand : IHandDerivatives
{
    /// <inheritdoc/>
    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                      ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        double x0 = y[0], x1 = y[1], x2 = y[2];
        double sigma = p[0], rho = p[1], beta = p[2];
        double w0 = w[0], w1 = w[1], w2 = w[2];
        if (!dy.IsEmpty)
        {
            dy[0] = sigma * (x1 - x0);
            dy[1] = x0 * (rho - x2) - x1;
            dy[2] = x0 * x1 - beta * x2;
        }
        // J = [[-sigma, sigma, 0], [rho - x2, -1, -x0], [x1, x0, -beta]]; wJy = J^T w.
        double sw0 = sigma * w0;
        wJy[0] = -sw0 + (rho - x2) * w1 + x1 * w2;
        wJy[1] = sw0 - w1 + x0 * w2;
        wJy[2] = -x0 * w1 - beta * w2;
        // df/dp = diag(x1 - x0, x0, -x2).
        wJp[0] = (x1 - x0) * w0;
        wJp[1] = x0 * w1;
        wJp[2] = -x2 * w2;
        return 0.0;
    }

    /// <inheritdoc/>
    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        double x0 = y[0], x1 = y[1], x2 = y[2];
        double sigma = p[0];
        jac[0] = -sigma; jac[1] = sigma; jac[2] = 0.0;
        jac[3] = p[1] - x2; jac[4] = -1.0; jac[5] = -x0;
        jac[6] = x1; jac[7] = x0; jac[8] = -p[2];
    }
}

/// <summary>Analytic derivatives of <see cref="DerivativeRobertson"/>.</summary>
public readonly struct DerivativeRobertsonHand : IHandDerivatives
{
    /// <inheritdoc/>
    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                      ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        double a = y[0], b = y[1], c = y[2];
        double k1 = p[0], k2 = p[1], k3 = p[2];
        double w0 = w[0], w1 = w[1], w2 = w[2];
        double bc = b * c, bb = b * b;
        if (!dy.IsEmpty)
        {
            double r1 = k1 * a, r2 = k2 * bb, r3 = k3 * bc;
            dy[0] = -r1 + r3;
            dy[1] = r1 - r2 - r3;
            dy[2] = r2;
        }
        // Each reaction's rate appears in the rows with stoichiometry: r1 (0 -> 1), r2 (1 -> 2), r3 (1 -> 0).
        double d10 = w1 - w0, d21 = w2 - w1;
        wJy[0] = k1 * d10;
        wJy[1] = 2.0 * k2 * b * d21 - k3 * c * d10;
        wJy[2] = -k3 * b * d10;
        wJp[0] = a * d10;
        wJp[1] = bb * d21;
        wJp[2] = -bc * d10;
        return 0.0;
    }

    /// <inheritdoc/>
    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        double b = y[1], c = y[2];
        double k1 = p[0], k3 = p[2];
        double k2b2 = 2.0 * p[1] * b, k3b = k3 * b, k3c = k3 * c;
        jac[0] = -k1; jac[1] = k3c; jac[2] = k3b;
        jac[3] = k1; jac[4] = -k2b2 - k3c; jac[5] = -k3b;
        jac[6] = 0.0; jac[7] = k2b2; jac[8] = 0.0;
    }
}

/// <summary>
/// Analytic derivatives of <see cref="DerivativeChain20"/>, written as a careful person would for 20 states:
/// loops, one <see cref="Math.SinCos"/> per state.
/// </summary>
public readonly struct DerivativeChain20Hand : IHandDerivatives
{
    private const int N = DerivativeChain20.N;

    /// <inheritdoc/>
    public double Vjp(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p,
                      ReadOnlySpan<double> w, Span<double> dy, Span<double> wJy, Span<double> wJp)
    {
        y = y[..N]; w = w[..N]; wJy = wJy[..N];
        double p0 = p[0], p1 = p[1], p2 = p[2];
        bool withF = !dy.IsEmpty;
        if (withF) dy = dy[..N];

        // f_i = p0 (y_{i-1} - y_i) - p1 y_i^2 + p2 sin(y_{i+1}), y_{-1} = 1, no sine term for i = N-1.
        // wJy_j = w_j (-p0 - 2 p1 y_j) + p0 w_{j+1} + p2 cos(y_j) w_{j-1}.
        double gp0 = 0.0, gp1 = 0.0, gp2 = 0.0;
        double left = 1.0;
        double wPrev = 0.0;
        for (int i = 0; i < N; i++)
        {
            double yi = y[i], wi = w[i];
            double yy = yi * yi;
            double diff = left - yi;
            double g = wi * (-p0 - 2.0 * p1 * yi);
            if (i + 1 < N) g += p0 * w[i + 1];
            if (i > 0)
            {
                (double s, double c) = Math.SinCos(yi);
                g += p2 * c * wPrev;
                gp2 += s * wPrev;
                if (withF) dy[i - 1] += p2 * s;
            }
            wJy[i] = g;
            gp0 += diff * wi;
            gp1 -= yy * wi;
            if (withF) dy[i] = p0 * diff - p1 * yy;
            left = yi;
            wPrev = wi;
        }
        wJp[0] = gp0;
        wJp[1] = gp1;
        wJp[2] = gp2;
        return 0.0;
    }

    /// <inheritdoc/>
    public void JacobianY(double t, ReadOnlySpan<double> y, ReadOnlySpan<double> p, Span<double> jac)
    {
        y = y[..N];
        jac = jac[..(N * N)];
        jac.Clear();
        double p0 = p[0], p1 = p[1], p2 = p[2];
        for (int i = 0; i < N; i++)
        {
            int row = i * N;
            jac[row + i] = -p0 - 2.0 * p1 * y[i];
            if (i > 0) jac[row + i - 1] = p0;
            if (i + 1 < N) jac[row + i + 1] = p2 * Math.Cos(y[i + 1]);
        }
    }
}
