package org.altmin.solvers.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.altmin.api.BlockReport;
import org.altmin.api.ConvergenceChecker;
import org.altmin.api.Evaluation;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationUnit;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.api.Theory;
import org.altmin.api.TrainingResult;
import org.altmin.api.Validate;
import org.altmin.solvers.common.Evaluator;
import org.altmin.solvers.common.Results;

/**
 * The lifecycle every shipped optimizer shares, so that a method is only its {@link Session}: {@link #prepare} the
 * problem, {@link #open} a session at the starting point, report it as iteration 0, then per iteration run it,
 * measure the objective, guard against failures and non-finite values, evaluate the forward pass, report, and stop
 * when the budget is spent, the {@link ConvergenceChecker} says so, or a listener asks
 * ({@link RunContext#requestStop}). Non-convergence is a result:
 * <ul>
 *   <li>a non-finite or infeasible starting point ends the run at once, as {@code DIVERGED};</li>
 *   <li>a failed block, a non-finite term or variable, or an infeasible point after iteration k is reported as
 *       iteration k without an evaluation, then the run ends as {@code DIVERGED} with the diagnosis;</li>
 *   <li>a non-finite forward-pass training loss (the variables being finite) ends it after its report, likewise.</li>
 * </ul>
 * Subclasses implement {@link #open} (and usually {@link #prepare}, {@link #theory}, {@link #checker}); they never
 * write the loop. A method whose session is {@link Resumable} (and whose {@link #resumable()} says so) gets
 * checkpoints and resume from the lifecycle ({@link Checkpointing}).
 *
 * <p><b>Evaluation.</b> The forward pass over the training (and test) set runs at iteration 0, every
 * {@code evaluateEvery}-th iteration and the last of the budget ({@link #fit(Problem, int, IterationListener, int)};
 * every iteration by default, and always for a session that {@link Session#needsEvaluation needs it}); reports in
 * between carry {@link Evaluation#NONE}, and the non-finite-loss guard applies where there is a loss. The training
 * pass takes {@code W_1 x} from the session when the session holds it bit for bit ({@link Session#inputProduct}),
 * so the evaluation is the same either way.
 */
public abstract class IterativeOptimizer implements Optimizer {
    /** The snapshot's name of the last completed iteration. */
    public static final String ITERATION = "iteration";

    /** Allocates the run's variables and buffers for {@code problem} (already {@link #prepare prepared}) and sets the starting point. */
    protected abstract Session open(Problem problem);

    /** When the run has converged; never, by default. */
    protected ConvergenceChecker checker() {
        return ConvergenceChecker.NEVER;
    }

    /**
     * Whether this optimizer's sessions are {@link Resumable}, so that a run can save checkpoints and resume from
     * them ({@link #fit(Problem, int, IterationListener, Checkpointing)}); false by default. Override it together with
     * implementing {@link Resumable} in the session: the runner rejects {@code --checkpoint-every} and
     * {@code --resume} for an optimizer that says false, before anything is written.
     */
    public boolean resumable() {
        return false;
    }

    @Override
    public final TrainingResult fit(Problem problem, int iterations, IterationListener listener) {
        return fit(problem, iterations, listener, 1, null);
    }

    @Override
    public final TrainingResult fit(Problem problem, int iterations, IterationListener listener, int evaluateEvery) {
        return fit(problem, iterations, listener, evaluateEvery, null);
    }

    /** {@link #fit(Problem, int, IterationListener, int, Checkpointing)} evaluating every iteration. */
    public final TrainingResult fit(Problem problem, int iterations, IterationListener listener,
            Checkpointing checkpoints) {
        return fit(problem, iterations, listener, 1, checkpoints);
    }

    /**
     * {@link #fit(Problem, int, IterationListener, int)} with checkpoints: after iteration k's report the run's state
     * is saved when {@code checkpoints.due(k, stopping)} (never after a diverged iteration), and a run with
     * {@code checkpoints.resume()} restores the session from it and continues with iteration k + 1 without
     * reporting iterations 0..k again (the listeners get {@code onStart}, then the reports of k + 1, ...).
     *
     * @param checkpoints null for none
     * @throws InvalidParameterException for a session that is not {@link Resumable}, or a checkpoint that does not
     *                                   fit the session (raised before any report)
     */
    public final TrainingResult fit(Problem problem, int iterations, IterationListener listener, int evaluateEvery,
            Checkpointing checkpoints) {
        Validate.atLeastOne(name(), "iterations", iterations);
        Validate.atLeastOne(name(), "evaluateEvery", evaluateEvery);
        prepare(problem);
        IterationListener out = listener == null ? IterationListener.NONE : listener;
        Checkpointing.Resume resume = checkpoints == null ? null : checkpoints.resume().orElse(null);
        Session session = open(problem);
        if (checkpoints != null && !(session instanceof Resumable)) {
            throw new InvalidParameterException(name(), "checkpoints", "are not supported: its session ("
                    + session.getClass().getName() + ") does not implement " + Resumable.class.getName());
        }
        State state = session.state();
        Evaluator evaluator = new Evaluator(problem);
        Control control = new Control(problem, session, name(), theory(), unit());
        IterationUnit unit = unit();
        ConvergenceChecker checker = checker();
        IterationReport last;
        int first;
        String bad;
        if (resume != null) {
            long saved = resume.snapshot().integer(ITERATION);
            if (saved != resume.iteration() || resume.last() == null || resume.last().iteration() != saved) {
                throw InvalidParameterException.of(name(), "checkpoint iteration", saved,
                        "the resumed iteration " + resume.iteration() + " and its report's");
            }
            ((Resumable) session).restore(resume.snapshot());
            out.onStart(control);
            last = resume.last();
            first = resume.iteration() + 1;
        } else {
            out.onStart(control);
            Evaluation startEvaluation = evaluator.evaluate(state, session.inputProduct());
            Measurement start = session.measure(0, startEvaluation);
            last = report(0, unit, start, session.layout(), Map.of(), startEvaluation, 0L);
            out.onIteration(last, state);
            bad = start.problem() != null ? start.problem() : nonFiniteLoss(last);
            if (bad != null) {
                return finish(out, state, TrainingResult.Status.DIVERGED, "non-finite starting point: " + bad, 0, last);
            }
            first = 1;
        }
        if (control.stopRequest().isPresent()) {
            return finish(out, state, TrainingResult.Status.STOPPED, control.stopRequest().get(), first - 1, last);
        }
        for (int k = first; k <= iterations; k++) {
            long t0 = System.nanoTime();
            Sweep sweep = session.iterate(k);
            long nanos = System.nanoTime() - t0;
            boolean evaluate = k % evaluateEvery == 0 || k == iterations || session.needsEvaluation();
            Evaluation evaluation = sweep.failure() != null || !evaluate ? Evaluation.NONE
                    : evaluator.evaluate(state, session.inputProduct());
            Measurement m = session.measure(k, evaluation);
            bad = sweep.failure() != null ? sweep.failure() : m.problem();
            if (bad != null) {
                // Report the broken iteration without the (meaningless) evaluation, then stop.
                last = report(k, unit, m, sweep.blocks(), sweep.diagnostics(), Evaluation.NONE, nanos);
                out.onIteration(last, state);
                return finish(out, state, TrainingResult.Status.DIVERGED, session.explain(bad), k, last);
            }
            IterationReport previous = last;
            last = report(k, unit, m, sweep.blocks(), sweep.diagnostics(), evaluation, nanos);
            out.onIteration(last, state);
            bad = evaluation == Evaluation.NONE ? null : nonFiniteLoss(last);
            if (bad != null) {
                return finish(out, state, TrainingResult.Status.DIVERGED, session.explain(bad), k, last);
            }
            Optional<String> stop = control.stopRequest();
            if (checkpoints != null && checkpoints.due(k, stop.isPresent())) {
                Snapshot snapshot = Snapshot.empty().put(ITERATION, (long) k);
                ((Resumable) session).save(snapshot);
                checkpoints.save(k, snapshot);
            }
            if (stop.isPresent()) {
                return finish(out, state, TrainingResult.Status.STOPPED, stop.get(), k, last);
            }
            Optional<String> converged = checker.converged(previous, last);
            if (converged.isPresent()) {
                return finish(out, state, TrainingResult.Status.CONVERGED, converged.get(), k, last);
            }
        }
        return finish(out, state, TrainingResult.Status.MAX_ITERATIONS,
                "ran " + iterations + " " + unit.label() + "s", iterations, last);
    }

    private static IterationReport report(int k, IterationUnit unit, Measurement m, List<BlockReport> blocks,
            Map<String, Double> sweepDiagnostics, Evaluation evaluation, long nanos) {
        return IterationReport.builder(k, unit).objective(m.objective()).terms(m.terms()).blocks(blocks)
                .diagnostics(m.diagnostics()).diagnostics(sweepDiagnostics).evaluation(evaluation).nanos(nanos).build();
    }

    private static String nonFiniteLoss(IterationReport r) {
        if (!Double.isFinite(r.trainLoss())) {
            return "forward-pass training loss = " + r.trainLoss() + " at " + r.unit().label() + " " + r.iteration()
                    + " (output layer; the variables are finite)";
        }
        return null;
    }

    private static TrainingResult finish(IterationListener out, State state, TrainingResult.Status status,
            String diagnosis, int iterations, IterationReport last) {
        return Results.finish(out, state.weights(), state.biases(), status, diagnosis, iterations, last);
    }

    /** The {@link RunContext} of one run. */
    private static final class Control implements RunContext {
        private final Problem problem;
        private final Session session;
        private final String optimizer;
        private final Theory theory;
        private final IterationUnit unit;
        private String stop;

        Control(Problem problem, Session session, String optimizer, Theory theory, IterationUnit unit) {
            this.problem = problem;
            this.session = session;
            this.optimizer = optimizer;
            this.theory = theory;
            this.unit = unit;
        }

        @Override
        public Problem problem() {
            return problem;
        }

        @Override
        public State state() {
            return session.state();
        }

        @Override
        public String optimizer() {
            return optimizer;
        }

        @Override
        public Theory theory() {
            return theory;
        }

        @Override
        public Optional<ObjectiveModel> objective() {
            return session.model();
        }

        @Override
        public IterationUnit unit() {
            return unit;
        }

        @Override
        public synchronized void requestStop(String reason) {
            if (stop == null) {
                stop = reason == null || reason.isBlank() ? "a listener stopped the run" : reason;
            }
        }

        @Override
        public synchronized Optional<String> stopRequest() {
            return Optional.ofNullable(stop);
        }
    }
}
