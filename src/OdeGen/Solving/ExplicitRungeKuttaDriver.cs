using System;

namespace OdeGen;

/// <summary>
/// The integration loop for explicit Runge–Kutta methods, generic over the right-hand side so the JIT
/// specializes it: step, ask the controller, record output, repeat (HNW I, Sect. II.4; the loop of dopri5.f).
/// Every buffer is allocated before the first step, or comes from a workspace reused across integrations.
/// </summary>
internal static class ExplicitRungeKuttaDriver
{
    /// <remarks>A <paramref name="workspace"/> made for this tableau and size is used instead of new buffers.</remarks>
    public static OdeSolution Integrate<TRhs>(ref TRhs rhs, ButcherTableau tableau, ReadOnlySpan<double> y0,
        double t0, double t1, SolverOptions options, ExplicitRungeKuttaWorkspace? workspace = null)
        where TRhs : struct, IRightHandSide
    {
        int n = rhs.Size;
        bool fixedStep = options.FixedStep is not null || !tableau.IsAdaptive;
        if (fixedStep && options.FixedStep is null)
            throw new ArgumentException($"{tableau.Name} is a fixed-step method: set SolverOptions.FixedStep.", "options");

        var work = workspace is not null && workspace.Fits(tableau, n) ? workspace : new ExplicitRungeKuttaWorkspace(tableau, n);
        var stepper = work.Stepper;
        var output = new SolutionBuilder(n, t0, t1, options, tableau.DenseForm, tableau.DenseCoefficients);
        var y = work.Y;
        y0.CopyTo(y);
        var y1 = work.Y1;
        double atol = options.AbsTol, rtol = options.RelTol;
        var schedule = new StepSchedule(t0, t1, options, fixedStep);
        var (beta, safety, facMin, facMax) = tableau.ControllerDefaults;
        var controller = new PIController(tableau.ControllerK, beta, safety, facMin, facMax);
        var token = options.CancellationToken;
        int nfe = 0, accepted = 0, rejected = 0, attempts = 0;

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
            h = InitialStep.Hairer(ref rhs, t0, y, stepper.F0, tableau.Order, schedule.Direction, schedule.MaxStep, atol, rtol, y1, stepper.Stage(stepper.F1Slot));
            nfe++;
        }

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

            stepper.Step(ref rhs, t, y, h, y1);
            nfe += stepper.EvaluationsPerStep;
            attempts++;

            // A non-finite result or stage rejects the step with the largest reduction (a shorter step may stay in the
            // dynamics' domain); with a fixed step there is no shorter one. The stages are searched only when the error
            // estimate, which uses all of them, is not finite (a NaN in the FSAL stage f(y1) leaves y1 finite).
            double hNew = h, err = 0;
            nonFinite = NonFiniteResult(ref rhs, y1);
            if (nonFinite is null && !fixedStep)
            {
                err = stepper.Error(h, y, y1, atol, rtol, options.ErrorNormComponents);
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

            nfe += stepper.CompleteStep(ref rhs, tEnd, y1);
            if (output.NeedsDense(tEnd)) nfe += stepper.BuildDense(ref rhs, t, tEnd - t, y, y1, output.Coefficients);
            output.Accept(t, tEnd, y1);
            accepted++;
            stepper.Advance();
            y1.AsSpan().CopyTo(y);
            t = tEnd;
            schedule.Accepted(ref h, hNew);
            if (options.Progress is { } progress && accepted % Math.Max(1, options.ProgressInterval) == 0)
                progress.Report((t - t0) / (t1 - t0));
            if (last) break;
        }
        options.Progress?.Report(1.0);
        return output.Build(tableau.Name, new SolverStats(nfe, 0, 0, accepted, rejected), t0, t1);

        OdeSolverException Fail(OdeSolverFailure reason, string message)
            => new(reason, t, output.Build(tableau.Name, new SolverStats(nfe, 0, 0, accepted, rejected), t0, t), message);
    }

    /// <summary>"y[i] became NaN" for the first non-finite component of a step's result, or null.</summary>
    private static string? NonFiniteResult<TRhs>(ref TRhs rhs, ReadOnlySpan<double> y1)
        where TRhs : struct, IRightHandSide
    {
        int i = NonFinite.First(y1);
        return i < 0 ? null : $"{rhs.ComponentName(i)} became {y1[i]}";
    }

    /// <summary>"a stage of y[i] became NaN" for the first non-finite stage component, or null.</summary>
    private static string? NonFiniteStage<TRhs>(ref TRhs rhs, ExplicitRungeKuttaStepper stepper)
        where TRhs : struct, IRightHandSide
    {
        int i = stepper.FirstNonFiniteStage(out double value);
        return i < 0 ? null : $"a stage of {rhs.ComponentName(i)} became {value}";
    }
}
