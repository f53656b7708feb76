using System;

namespace OdeGen;

/// <summary>
/// Proportional-integral step-size controller in the form of Hairer's DOPRI5 (HNW I, Sect. II.4 and
/// IV.2 "Lund stabilization"; dopri5.f): <c>fac = err^alpha / errOld^beta</c> with
/// <c>alpha = 1/k - 0.75 beta</c>, <c>k</c> = order of the error estimate + 1, and
/// <c>h_new = h / clamp(fac / safety, 1/facMax, 1/facMin)</c>. The controller alone decides acceptance
/// (<c>err &lt;= 1</c>); solvers never do.
/// </summary>
internal struct PIController
{
    private readonly double _alpha;
    private readonly double _beta;
    private readonly double _safety;
    private readonly double _facMin;
    private readonly double _facMax;
    private double _errOld;
    private bool _lastRejected;

    /// <param name="k">order of the error estimator plus one (5 for DOPRI5's 4th-order estimate).</param>
    /// <param name="beta">integral gain (0.04 in DOPRI5; 0 gives the classical I controller).</param>
    /// <param name="safety">safety factor (0.9).</param>
    /// <param name="facMin">smallest allowed ratio h_new / h (0.2).</param>
    /// <param name="facMax">largest allowed ratio h_new / h (10).</param>
    public PIController(int k, double beta, double safety, double facMin, double facMax)
    {
        _beta = beta;
        _alpha = 1.0 / k - 0.75 * beta;
        _safety = safety;
        _facMin = facMin;
        _facMax = facMax;
        _errOld = 1e-4;
        _lastRejected = false;
    }

    /// <summary>Whether the previous decision was a rejection.</summary>
    public readonly bool LastRejected => _lastRejected;

    /// <summary>
    /// Decides on a step of size <paramref name="h"/> with scaled error <paramref name="err"/> and proposes the
    /// next step size (signed like <paramref name="h"/>). A non-finite error is a rejection with the
    /// largest reduction.
    /// </summary>
    public bool Decide(double err, double h, out double hNew)
    {
        if (!double.IsFinite(err))
        {
            hNew = h * _facMin;
            _lastRejected = true;
            return false;
        }
        double fac11 = Math.Pow(err, _alpha);
        if (err <= 1.0)
        {
            // Hairer: fac = fac11 / facold^beta, limited to [1/facMax, 1/facMin] after dividing by safety.
            double fac = fac11 / Math.Pow(_errOld, _beta);
            fac = Math.Max(1.0 / _facMax, Math.Min(1.0 / _facMin, fac / _safety));
            hNew = h / fac;
            _errOld = Math.Max(err, 1e-4);
            // After a rejection the step may not grow (dopri5.f: IF (REJECT) HNEW=POSNEG*MIN(ABS(HNEW),ABS(H))).
            if (_lastRejected) hNew = Math.Sign(h) * Math.Min(Math.Abs(hNew), Math.Abs(h));
            _lastRejected = false;
            return true;
        }
        // Rejection: only the proportional part, h_new = h / min(1/facMin, fac11 / safety).
        hNew = h / Math.Min(1.0 / _facMin, fac11 / _safety);
        _lastRejected = true;
        return false;
    }

    /// <summary>Records a rejection that the error estimate did not decide (e.g. a singular iteration matrix).</summary>
    public void ForceReject() => _lastRejected = true;
}
