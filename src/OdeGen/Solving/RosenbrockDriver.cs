using System;

namespace OdeGen;

/// <summary>
/// The integration loop for Rosenbrock methods. Jacobian policy (as in Hairer's rodas.f): <c>J</c> and
/// <c>df/dt</c> are evaluated once per accepted step; a rejected step reuses them and only refactorizes
/// <c>M = I/(γh) - J</c> for the smaller <c>h</c>. A singular <c>M</c> or a non-finite error estimate
/// rejects the step with a four-fold (resp. five-fold) reduction.
/// </summary>
internal static class RosenbrockDriver
{
    public static OdeSolution Integrate<TRhs>(ref TRhs rhs, RosenbrockTableau tableau, ReadOnlySpan<double> y0,
        double t0, double t1, SolverOptions options, bool refineStages = true)
        where TRhs : struct, IJacobianRightHandSide
    {
        int n = rhs.Size;
        bool fixedStep = options.FixedStep is not null;
        var stepper = new RosenbrockStepper(tableau, n, refineStages);
        var output = new SolutionBuilder(n, t0, t1, options, DenseForm.HairerNested, 5);
        var y = y0.ToArray();
        var y1 = new double[n];
        var scratch = new double[n];
        double atol = options.AbsTol, rtol = options.RelTol;
        var schedule = new StepSchedule(t0, t1, options, fixedStep);
        // Hairer's rodas.f defaults: safety 0.9, step ratio in [0.2, 6]; embedded order 4, so exponent 1/5.
        var controller = new PIController(tableau.Order, 0.0, 0.9, 0.2, 6.0);
        var token = options.CancellationToken;
        int nfe = 0, njac = 0, nlu = 0, accepted = 0, rejected = 0, attempts = 0;

        double t = t0;
        // What was NaN or ∞ in the last attempted step ("y[2] became NaN"), or null.
        string? nonFinite = null;
        rhs.Evaluate(t, y, stepper.F0);
        nfe++;
        output.Start(t0, y);
        if (t0 == t1) return output.Build(tableau.Name, new SolverStats(nfe, 0, 0, 0, 0), t0, t1);
        if (NonFinite.First(stepper.F0) is var badF and >= 0)
            throw Fail(OdeSolverFailure.NonFiniteState, $"{tableau.Name}: at the start, t = {t0}, the rate of {rhs.ComponentName(badF)} is {stepper.F0[badF]}; {NonFinite.LikelyCause}.");

        double h;
        if (schedule.FirstStep(options) is { } first)
        {
            h = first;
        }
        else
        {
            h = InitialStep.Hairer(ref rhs, t0, y, stepper.F0, tableau.Order, schedule.Direction, schedule.MaxStep, atol, rtol, y1, scratch);
            nfe++;
        }

        bool newJacobian = true;
        double factoredH = double.NaN;
        while (true)
        {
            if (attempts >= options.MaxSteps)
                throw Fail(OdeSolverFailure.MaxStepsExceeded, $"{tableau.Name}: {options.MaxSteps} steps taken before reaching t1 = {t1} (at t = {t}).");
            token.ThrowIfCancellationRequested();
            if (!schedule.TryNext(t, ref h, out double tEnd, out bool last))
            {
                // Steps that kept producing NaN or ∞, however short, are a non-finite state, not a stiffness problem.
                if (nonFinite is not null)
                    throw Fail(OdeSolverFailure.NonFiniteState,
                        $"{tableau.Name}: {nonFinite} in every step tried from t = {t}, down to step size {h}; {NonFinite.LikelyCause}.");
                throw Fail(OdeSolverFailure.StepSizeTooSmall, schedule.TooSmallMessage(tableau.Name, t, h));
            }

            if (newJacobian)
            {
                stepper.UpdateJacobian(ref rhs, t, y);
                njac++;
                // J and df/dt are taken at the accepted state: no shorter step can get past a non-finite entry.
                if (stepper.FirstNonFiniteDerivative() is var bad and >= 0)
                    throw Fail(OdeSolverFailure.NonFiniteState, bad < n * n
                        ? $"{tableau.Name}: the Jacobian of the rate of {rhs.ComponentName(bad / n)} with respect to {rhs.ComponentName(bad % n)} is non-finite at t = {t}; {NonFinite.LikelyCause}."
                        : $"{tableau.Name}: the time derivative of the rate of {rhs.ComponentName(bad - n * n)} is non-finite at t = {t}; {NonFinite.LikelyCause}.");
                newJacobian = false;
                factoredH = double.NaN;
            }
            attempts++;
            if (h != factoredH)
            {
                nlu++;
                if (!stepper.Factor(h))
                {
                    factoredH = double.NaN;
                    if (fixedStep) throw Fail(OdeSolverFailure.StepSizeTooSmall, $"{tableau.Name}: singular iteration matrix at t = {t}.");
                    controller.ForceReject();
                    if (accepted >= 1) rejected++;
                    h *= 0.25;
                    continue;
                }
                factoredH = h;
            }

            stepper.Step(ref rhs, t, y, h, y1);
            nfe += stepper.EvaluationsPerStep;

            // A non-finite result or stage rejects the step with the largest reduction (a shorter step may stay in the
            // dynamics' domain); with a fixed step there is no shorter one. The stages are searched only when the error
            // estimate, which uses all of them, is not finite (a NaN in the FSAL stage f(y1) leaves y1 finite).
            double hNew = h, err = 0;
            nonFinite = NonFiniteResult(ref rhs, y1);
            if (nonFinite is null && !fixedStep)
            {
                err = stepper.Error(y, y1, atol, rtol, options.ErrorNormComponents);
                if (!double.IsFinite(err)) nonFinite = NonFiniteStage(ref rhs, stepper);
            }
            if (nonFinite is not null)
            {
                if (fixedStep)
                    throw Fail(OdeSolverFailure.NonFiniteState, $"{tableau.Name}: {nonFinite} in the step from t = {t} (h = {h}); {NonFinite.LikelyCause}.");
                controller.Decide(double.NaN, h, out hNew);
                if (accepted >= 1) rejected++;
                h = hNew;
                continue;
            }
            bool ok = fixedStep || controller.Decide(err, h, out hNew);
            if (!ok)
            {
                if (accepted >= 1) rejected++;
                h = hNew;
                continue;
            }

            if (output.NeedsDense(tEnd)) stepper.BuildDense(y, y1, output.Coefficients);
            output.Accept(t, tEnd, y1);
            accepted++;
            y1.AsSpan().CopyTo(y);
            t = tEnd;
            schedule.Accepted(ref h, hNew);
            if (options.Progress is { } progress && accepted % Math.Max(1, options.ProgressInterval) == 0)
                progress.Report((t - t0) / (t1 - t0));
            if (last) break;
            rhs.Evaluate(t, y, stepper.F0);
            nfe++;
            newJacobian = true;
        }
        options.Progress?.Report(1.0);
        return output.Build(tableau.Name, new SolverStats(nfe, njac, nlu, accepted, rejected), t0, t1);

        OdeSolverException Fail(OdeSolverFailure reason, string message)
            => new(reason, t, output.Build(tableau.Name, new SolverStats(nfe, njac, nlu, accepted, rejected), t0, t), message);
    }

    /// <summary>"y[i] became NaN" for the first non-finite component of a step's result, or null.</summary>
    private static string? NonFiniteResult<TRhs>(ref TRhs rhs, ReadOnlySpan<double> y1)
        where TRhs : struct, IJacobianRightHandSide
    {
        int i = NonFinite.First(y1);
        return i < 0 ? null : $"{rhs.ComponentName(i)} became {y1[i]}";
    }

    /// <summary>"a stage of y[i] became NaN" for the first non-finite stage component, or null.</summary>
    private static string? NonFiniteStage<TRhs>(ref TRhs rhs, RosenbrockStepper stepper)
        where TRhs : struct, IJacobianRightHandSide
    {
        int i = stepper.FirstNonFiniteStage(out double value);
        return i < 0 ? null : $"a stage of {rhs.ComponentName(i)} became {value}";
    }
}
