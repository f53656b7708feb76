using System.Linq;
using System.Numerics;

namespace OdeGen.Generator.Tests.Properties;

/// <summary>
/// Checks one generated system against its user method at random points: Forward bit for bit, Jvp
/// against finite differences, Vjp by the dot-product test, the dense Jacobians and TimeDerivative against
/// unit JVPs, and the observed non-zeros of df/dy against JacobianYSparsity. Points whose finite-difference
/// stencil crosses a switch (a comparison, Min, Max, Abs, Sign, Floor, Ceiling) are skipped.
/// </summary>
internal sealed class DerivativeChecks
{
    // Written into outputs before a call, so that an implementation that accumulates instead of overwriting is caught.
    private const double Garbage = 12345.678;

    private readonly CompiledBatch _batch;
    private readonly int _k;
    private readonly DynamicsProgram _program;
    private readonly IOdeSystem _system;
    private readonly UserRhs _user;
    private readonly int _n;
    private readonly int _m;

    private DerivativeChecks(CompiledBatch batch, int k)
    {
        _batch = batch;
        _k = k;
        _program = batch.Programs[k];
        _system = batch.System(k);
        _user = batch.User(k);
        _n = _program.StateSize;
        _m = _program.HasParameters ? _program.ParameterSize : 0;
    }

    /// <summary>Runs every check at up to <paramref name="points"/> points; returns how many were checked and skipped.</summary>
    public static (int Checked, int Skipped) Run(CompiledBatch batch, int k, int points)
    {
        var checks = new DerivativeChecks(batch, k);
        checks.Sizes();
        var random = new System.Random(checks._program.Seed ^ 0x5EED);
        int accepted = 0, skipped = 0;
        while (accepted < points && skipped < 20 * points)
        {
            var point = EvaluationPoint.Random(random, checks._n, checks._m);
            if (!checks.OnOneSmoothPiece(point)) { skipped++; continue; }
            checks.At(point);
            accepted++;
        }
        if (accepted == 0) checks.Fail("Sampling", null, "no point with a finite value away from every switch was found: the program generator should keep values bounded");
        return (accepted, skipped);
    }

    private void Sizes()
    {
        if (_system.StateSize != _n || _system.ParameterSize != _m)
            Fail("Sizes", null, "StateSize " + _system.StateSize + ", ParameterSize " + _system.ParameterSize + "; expected " + _n + ", " + _m);
        var pattern = _system.JacobianYSparsity;
        if (pattern.Rows != _n || pattern.Columns != _n)
            Fail("Sparsity shape", null, pattern.Rows + " x " + pattern.Columns + "; expected " + _n + " x " + _n);
    }

    private void At(EvaluationPoint point)
    {
        double[] f = Forward(point.T, point.Y, point.P);
        double[] user = User(point.T, point.Y, point.P);
        if (!BitEqual(f, user)) Fail("Forward equals the user's method", point, Vectors(("Forward", f), ("user", user)));

        var (jv, jvpDy) = Jvp(point, point.Vy, point.Vp, point.Vt);
        if (!BitEqual(jvpDy, f)) Fail("Jvp's dy equals Forward", point, Vectors(("Jvp dy", jvpDy), ("Forward", f)));
        var (jvWithoutDy, _) = Jvp(point, point.Vy, point.Vp, point.Vt, writeDy: false);
        if (!BitEqual(jvWithoutDy, jv)) Fail("Jvp with an empty dy gives the same jv", point, Vectors(("with dy", jv), ("without", jvWithoutDy)));

        JvpAgainstFiniteDifferences(point, jv);
        VjpDotProduct(point, jv, f);
        if (_system.HasLanes) LaneKernels(point, f);
        Jacobians(point);
        TimeDerivative(point);
    }

    private void JvpAgainstFiniteDifferences(EvaluationPoint point, double[] jv)
    {
        var (estimate, tolerance) = Differences(point, jv, FiniteDifference.Step);
        for (int i = 0; i < _n; i++)
        {
            if (System.Math.Abs(jv[i] - estimate[i]) <= tolerance[i]) continue;
            // Where f is very steep (|jv| ~ 1e4 through an oscillating function, as loops of layers give), the
            // stencil can span several periods and both of its estimates go wrong alike; 100 times closer it
            // sees f locally linear. A wrong jv disagrees with both.
            var (closer, closerTolerance) = Differences(point, jv, FiniteDifference.Step / 100);
            if (!(System.Math.Abs(jv[i] - closer[i]) <= closerTolerance[i]))
                Fail("Jvp against central differences", point, "component " + i + ": jv = " + R(jv[i]) + ", finite difference = " + R(estimate[i]) + " (tolerance " + R(tolerance[i]) + "), " + R(closer[i]) + " at a 100 times smaller step\n" + Vectors(("jv", jv), ("fd", estimate)));
        }
    }

    /// <summary>Central differences of Forward along the point's direction, and how far jv may be from them.</summary>
    private (double[] Estimate, double[] Tolerance) Differences(EvaluationPoint point, double[] jv, double step)
    {
        var (estimate, spread, magnitude) = FiniteDifference.Derivative(offset =>
        {
            var (t, y, p) = point.Moved(offset);
            return Forward(t, y, p);
        }, _n, step);
        var tolerance = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            double scale = System.Math.Max(1, System.Math.Max(System.Math.Abs(jv[i]), System.Math.Abs(estimate[i])));
            tolerance[i] = 1e-6 * scale + 2 * spread[i] + 1e-9 * magnitude[i] * (FiniteDifference.Step / step);
        }
        return (estimate, tolerance);
    }

    /// <summary>&lt;w, J v&gt; = &lt;Jᵀ w, v&gt; with J = [df/dy, df/dp, df/dt] and v = (vy, vp, vt).</summary>
    private void VjpDotProduct(EvaluationPoint point, double[] jv, double[] f)
    {
        double[] dy = Filled(_n), wJy = Filled(_n), wJp = Filled(_m);
        double wt = _system.Vjp(point.T, point.Y, point.P, point.W, dy, wJy, wJp);
        if (!BitEqual(dy, f)) Fail("Vjp's dy equals Forward", point, Vectors(("Vjp dy", dy), ("Forward", f)));

        var left = point.W.Zip(jv, (a, b) => a * b).ToArray();
        var right = wJy.Zip(point.Vy, (a, b) => a * b).Concat(wJp.Zip(point.Vp, (a, b) => a * b)).Append(wt * point.Vt).ToArray();
        double scale = left.Concat(right).Sum(System.Math.Abs);
        double difference = System.Math.Abs(left.Sum() - right.Sum());
        // Terms that cancel inside a derivative (dy = c * (x[k] - x[k]) read along two paths) leave rounding
        // residues of order 1e-16 |w| |v| that the sums above no longer show; a wrong derivative is far larger.
        double residue = 1e-14 * point.W.Sum(System.Math.Abs) * (point.Vy.Sum(System.Math.Abs) + point.Vp.Sum(System.Math.Abs) + System.Math.Abs(point.Vt));
        if (!(difference <= 1e-10 * scale + residue + 1e-300))
            Fail("Vjp dot-product test", point, "<w, J v> = " + R(left.Sum()) + ", <J^T w, v> = " + R(right.Sum()) + "\n" + Vectors(("jv", jv), ("wJy", wJy), ("wJp", wJp), ("wJt", new[] { wt })));
    }

    /// <summary>JacobianY and JacobianP column by column against unit JVPs; non-zeros of df/dy inside the pattern.</summary>
    private void Jacobians(EvaluationPoint point)
    {
        double[] jacY = Filled(_n * _n), jacP = Filled(_n * _m);
        _system.JacobianY(point.T, point.Y, point.P, jacY);
        _system.JacobianP(point.T, point.Y, point.P, jacP);
        var pattern = _system.JacobianYSparsity;
        for (int j = 0; j < _n; j++)
        {
            var (column, _) = Jvp(point, Unit(_n, j), new double[_m], 0);
            for (int i = 0; i < _n; i++)
            {
                if (!Close(jacY[i * _n + j], column[i]))
                    Fail("JacobianY column equals a unit JVP", point, "entry (" + i + ", " + j + "): JacobianY " + R(jacY[i * _n + j]) + ", Jvp " + R(column[i]) + "\n" + Vectors(("JacobianY", jacY)));
                if ((jacY[i * _n + j] != 0 || column[i] != 0) && !pattern.IsNonZero(i, j))
                    Fail("Non-zeros of df/dy lie in JacobianYSparsity", point, "entry (" + i + ", " + j + ") = " + R(jacY[i * _n + j]) + " is outside the pattern\n" + pattern);
            }
        }
        for (int j = 0; j < _m; j++)
        {
            var (column, _) = Jvp(point, new double[_n], Unit(_m, j), 0);
            for (int i = 0; i < _n; i++)
            {
                if (!Close(jacP[i * _m + j], column[i]))
                    Fail("JacobianP column equals a unit JVP", point, "entry (" + i + ", " + j + "): JacobianP " + R(jacP[i * _m + j]) + ", Jvp " + R(column[i]) + "\n" + Vectors(("JacobianP", jacP)));
            }
        }
    }

    private void TimeDerivative(EvaluationPoint point)
    {
        double[] dfdt = Filled(_n);
        _system.TimeDerivative(point.T, point.Y, point.P, dfdt);
        var (column, _) = Jvp(point, new double[_n], new double[_m], 1);
        for (int i = 0; i < _n; i++)
        {
            if (!Close(dfdt[i], column[i]))
                Fail("TimeDerivative equals the JVP with vt = 1", point, Vectors(("TimeDerivative", dfdt), ("Jvp", column)));
        }
    }

    /// <summary>
    /// Whether f is finite at the point and at every stencil point, and the interpreter takes the same side
    /// of every switch at all of them. Also checks the interpreter against the compiled method, which
    /// guards the test itself (printer and interpreter must agree).
    /// </summary>
    private bool OnOneSmoothPiece(EvaluationPoint point)
    {
        var (expected, signature) = ProgramInterpreter.Run(_program, point.T, point.Y, point.P);
        double[] f = User(point.T, point.Y, point.P);
        if (!f.All(double.IsFinite) || f.Any(x => System.Math.Abs(x) > 1e8)) return false;
        for (int i = 0; i < _n; i++)
        {
            if (!(System.Math.Abs(f[i] - expected[i]) <= 1e-12 * System.Math.Max(1, System.Math.Abs(f[i]))))
                Fail("The test's interpreter agrees with the compiled method (a bug in the test)", point, Vectors(("compiled", f), ("interpreted", expected)));
        }
        foreach (double offset in FiniteDifference.Offsets)
        {
            var (t, y, p) = point.Moved(offset);
            var (value, other) = ProgramInterpreter.Run(_program, t, y, p);
            if (!value.All(double.IsFinite) || !other.SequenceEqual(signature)) return false;
        }
        return true;
    }

    /// <summary>
    /// The lane kernels on Vector<double>.Count copies at the point, each lane with its own vy and w (tangents and cotangents are linear,
    /// so no lane crosses a switch), against the per-copy members: equal up to rounding (fused multiply-adds).
    /// </summary>
    private void LaneKernels(EvaluationPoint point, double[] f)
    {
        int lanes = Vector<double>.Count;
        var random = new System.Random(_program.Seed);
        double[][] vy = Enumerable.Range(0, lanes).Select(_ => Enumerable.Range(0, _n).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        double[][] w = Enumerable.Range(0, lanes).Select(_ => Enumerable.Range(0, _n).Select(_ => random.NextDouble() - 0.5).ToArray()).ToArray();
        var y = point.Y.Select(v => Vector.Create(v)).ToArray();
        Vector<double>[] Lanes(double[][] copies) => Enumerable.Range(0, _n).Select(i => new Vector<double>(copies.Select(copy => copy[i]).ToArray())).ToArray();
        var dy = new Vector<double>[_n];
        _system.ForwardLanes(point.T, y, point.P, dy);
        var jv = new Vector<double>[_n];
        _system.JvpLanes(point.T, y, point.P, Lanes(vy), point.Vp, point.Vt, System.Span<Vector<double>>.Empty, jv);
        var wJy = new Vector<double>[_n];
        var wJp = new Vector<double>[_m];
        var wJt = _system.VjpAccumulateLanes(point.T, y, point.P, Lanes(w), System.Span<Vector<double>>.Empty, wJy, wJp);
        var wJpSum = new double[_m];
        double wJtSum = 0;
        for (int c = 0; c < lanes; c++)
        {
            var (copyJv, _) = Jvp(point, vy[c], point.Vp, point.Vt, writeDy: false);
            double[] copyWJy = Filled(_n), copyWJp = Filled(_m);
            wJtSum += _system.Vjp(point.T, point.Y, point.P, w[c], System.Span<double>.Empty, copyWJy, copyWJp);
            for (int k = 0; k < _m; k++) wJpSum[k] += copyWJp[k];
            for (int i = 0; i < _n; i++)
            {
                if (!LanesClose(f[i], dy[i][c])) Fail("ForwardLanes equals Forward", point, "lane " + c + ", dy[" + i + "]: " + R(dy[i][c]) + " against " + R(f[i]));
                if (!LanesClose(copyJv[i], jv[i][c])) Fail("JvpLanes equals Jvp", point, "lane " + c + ", jv[" + i + "]: " + R(jv[i][c]) + " against " + R(copyJv[i]));
                if (!LanesClose(copyWJy[i], wJy[i][c])) Fail("VjpAccumulateLanes equals Vjp", point, "lane " + c + ", wJy[" + i + "]: " + R(wJy[i][c]) + " against " + R(copyWJy[i]));
            }
        }
        for (int k = 0; k < _m; k++)
            if (!LanesClose(wJpSum[k], Vector.Sum(wJp[k]))) Fail("VjpAccumulateLanes' wJp summed over the lanes equals the copies' Vjp", point, "wJp[" + k + "]: " + R(Vector.Sum(wJp[k])) + " against " + R(wJpSum[k]));
        if (!LanesClose(wJtSum, Vector.Sum(wJt))) Fail("VjpAccumulateLanes' wJt equals the copies' Vjp", point, R(Vector.Sum(wJt)) + " against " + R(wJtSum));
        if (_system.HasSecondOrderLanes) SecondOrderLanes(point, y, Lanes(vy), Lanes(w), vy, w);
        if (_system.HasLanePairs) LanePairs(point, y, Lanes(w), dy, wJy, wJp, wJt);
    }

    /// <summary>
    /// The pair kernels on two groups, the first the one-group kernels ran on and the second with other cotangents, against the
    /// one-group kernels: each group's dy and wJy are the same bits, wJp and wJt the sums of the groups' up to rounding.
    /// </summary>
    private void LanePairs(EvaluationPoint point, Vector<double>[] y, Vector<double>[] w, Vector<double>[] dy, Vector<double>[] wJy, Vector<double>[] wJp, Vector<double> wJt)
    {
        var w2 = w.Select(v => -0.5 * v + Vector.Create(0.25)).ToArray();
        var wJy2 = new Vector<double>[_n];
        var wJp2 = new Vector<double>[_m];
        var wJt2 = _system.VjpAccumulateLanes(point.T, y, point.P, w2, System.Span<Vector<double>>.Empty, wJy2, wJp2);
        var yPair = y.Concat(y).ToArray();
        var dyPair = new Vector<double>[2 * _n];
        _system.ForwardLanePair(point.T, yPair, point.P, dyPair);
        var dyOfVjp = new Vector<double>[2 * _n];
        var wJyPair = new Vector<double>[2 * _n];
        var wJpPair = new Vector<double>[_m];
        var wJtPair = _system.VjpAccumulateLanePair(point.T, yPair, point.P, w.Concat(w2).ToArray(), dyOfVjp, wJyPair, wJpPair);
        for (int i = 0; i < _n; i++)
        {
            for (int g = 0; g < 2; g++)
            {
                if (dyPair[g * _n + i] != dy[i]) Fail("ForwardLanePair equals ForwardLanes", point, "group " + g + ", dy[" + i + "]");
                if (dyOfVjp[g * _n + i] != dy[i]) Fail("VjpAccumulateLanePair's dy equals ForwardLanes'", point, "group " + g + ", dy[" + i + "]");
            }
            if (wJyPair[i] != wJy[i] || wJyPair[_n + i] != wJy2[i]) Fail("VjpAccumulateLanePair's wJy equals VjpAccumulateLanes'", point, "wJy[" + i + "]");
        }
        for (int k = 0; k < _m; k++)
            for (int c = 0; c < Vector<double>.Count; c++)
                if (!LanesClose(wJp[k][c] + wJp2[k][c], wJpPair[k][c])) Fail("VjpAccumulateLanePair's wJp is the groups' sum", point, "wJp[" + k + "], lane " + c + ": " + R(wJpPair[k][c]) + " against " + R(wJp[k][c] + wJp2[k][c]));
        for (int c = 0; c < Vector<double>.Count; c++)
            if (!LanesClose(wJt[c] + wJt2[c], wJtPair[c])) Fail("VjpAccumulateLanePair's wJt is the groups' sum", point, "lane " + c);
    }

    /// <summary>JvpVjpAccumulateLanes against the per-copy JvpVjp, each lane with its own vy and w: jv and hy per lane, hp summed over them.</summary>
    private void SecondOrderLanes(EvaluationPoint point, Vector<double>[] y, Vector<double>[] vyLanes, Vector<double>[] wLanes, double[][] vy, double[][] w)
    {
        var jv = new Vector<double>[_n];
        var hy = new Vector<double>[_n];
        var hp = new Vector<double>[_m];
        _system.JvpVjpAccumulateLanes(point.T, y, point.P, vyLanes, point.Vp, point.Vt, wLanes, jv, hy, hp);
        var hpSum = new double[_m];
        for (int c = 0; c < Vector<double>.Count; c++)
        {
            double[] copyJv = Filled(_n), copyHy = Filled(_n), copyHp = Filled(_m);
            _system.JvpVjp(point.T, point.Y, point.P, vy[c], point.Vp, point.Vt, w[c], copyJv, copyHy, copyHp);
            for (int k = 0; k < _m; k++) hpSum[k] += copyHp[k];
            for (int i = 0; i < _n; i++)
            {
                if (!LanesClose(copyJv[i], jv[i][c])) Fail("JvpVjpAccumulateLanes' jv equals JvpVjp's", point, "lane " + c + ", jv[" + i + "]: " + R(jv[i][c]) + " against " + R(copyJv[i]));
                if (!LanesClose(copyHy[i], hy[i][c])) Fail("JvpVjpAccumulateLanes' hy equals JvpVjp's", point, "lane " + c + ", hy[" + i + "]: " + R(hy[i][c]) + " against " + R(copyHy[i]));
            }
        }
        for (int k = 0; k < _m; k++)
            if (!LanesClose(hpSum[k], Vector.Sum(hp[k]))) Fail("JvpVjpAccumulateLanes' hp summed over the lanes equals the copies' JvpVjp", point, "hp[" + k + "]: " + R(Vector.Sum(hp[k])) + " against " + R(hpSum[k]));
    }

    /// <summary>A lane kernel's value against the per-copy one: fused multiply-adds round once where the copy rounds twice.</summary>
    private static bool LanesClose(double a, double b) => System.Math.Abs(a - b) <= 1e-10 * (1 + System.Math.Max(System.Math.Abs(a), System.Math.Abs(b)));

    private double[] Forward(double t, double[] y, double[] p)
    {
        double[] dy = Filled(_n);
        _system.Forward(t, y, p, dy);
        return dy;
    }

    private double[] User(double t, double[] y, double[] p)
    {
        double[] dy = Filled(_n);
        _user(t, y, p, dy);
        return dy;
    }

    private (double[] Jv, double[] Dy) Jvp(EvaluationPoint point, double[] vy, double[] vp, double vt, bool writeDy = true)
    {
        double[] dy = writeDy ? Filled(_n) : System.Array.Empty<double>(), jv = Filled(_n);
        _system.Jvp(point.T, point.Y, point.P, vy, vp, vt, dy, jv);
        return (jv, dy);
    }

    private static double[] Filled(int n) => Enumerable.Repeat(Garbage, n).ToArray();

    private static double[] Unit(int n, int j)
    {
        var e = new double[n];
        e[j] = 1;
        return e;
    }

    private static bool BitEqual(double[] a, double[] b) => a.Length == b.Length && a.Zip(b).All(x => x.First.Equals(x.Second));

    /// <summary>Two derivative values computed along different paths: equal up to rounding.</summary>
    private static bool Close(double a, double b) => System.Math.Abs(a - b) <= 1e-12 * (1 + System.Math.Max(System.Math.Abs(a), System.Math.Abs(b)));

    private static string Vectors(params (string Name, double[] Values)[] vectors) =>
        string.Join("\n", vectors.Select(v => v.Name + " = [" + string.Join(", ", v.Values.Select(R)) + "]"));

    private static string R(double x) => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private void Fail(string check, EvaluationPoint? point, string details) =>
        Assert.Fail("Check failed: " + check + "\n" + (point is null ? "" : "at " + point + "\n") + details + "\n\n" + _batch.Program(_k));
}
