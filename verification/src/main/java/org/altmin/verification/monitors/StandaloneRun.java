package org.altmin.verification.monitors;

import java.util.Optional;
import org.altmin.api.Claim;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationUnit;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.Problem;
import org.altmin.api.Property;
import org.altmin.api.RunContext;
import org.altmin.api.State;
import org.altmin.api.Theory;

/**
 * A {@link RunContext} for using the monitors outside an optimizer's {@code fit}: from a notebook, from a
 * researcher's own loop, or to replay recorded reports. An optimizer's {@code fit} gives its own context; this one
 * is for plain Java. Immutable except for the stop request; not thread-safe.
 *
 * <pre>{@code
 * var descent = new SufficientDescentMonitor();
 * descent.onStart(StandaloneRun.of(problem, state));          // or omit onStart: every iteration is checked
 * for (IterationReport r : reports) descent.onIteration(r, state);
 * }</pre>
 */
public final class StandaloneRun implements RunContext {
    /** The name {@link #optimizer()} returns. */
    public static final String OPTIMIZER = "standalone";
    /** The source of the claims of {@link #assumeAll()}. */
    public static final String ASSUMED = "assumed by the caller (standalone run, no optimizer theory)";

    private final Problem problem;
    private final State state;
    private final Theory theory;
    private final ObjectiveModel objective;
    private final IterationUnit unit;
    private String stop;

    private StandaloneRun(Problem problem, State state, Theory theory, ObjectiveModel objective, IterationUnit unit) {
        if (state == null || theory == null || unit == null) {
            throw InvalidParameterException.of("StandaloneRun", "state/theory/unit", "null", "non-null");
        }
        this.problem = problem;
        this.state = state;
        this.theory = theory;
        this.objective = objective;
        this.unit = unit;
    }

    /** A run on {@code state} whose theory {@link #assumeAll() claims every property} from iteration 1. */
    public static StandaloneRun of(Problem problem, State state) {
        return of(problem, state, assumeAll());
    }

    /**
     * @param problem the problem (the subgradient monitor's State fallback takes the regularizers from it; the
     *                other monitors do not need it, so it may be null for them)
     * @param state   the live variables
     * @param theory  what to treat as proved
     */
    public static StandaloneRun of(Problem problem, State state, Theory theory) {
        return new StandaloneRun(problem, state, theory, null, IterationUnit.ITERATION);
    }

    /** This run with an objective model (for the subgradient monitor). */
    public StandaloneRun withObjective(ObjectiveModel model) {
        return new StandaloneRun(problem, state, theory, model, unit);
    }

    /** A theory claiming every {@link Property} for the whole run, with {@link #ASSUMED} as its source. */
    public static Theory assumeAll() {
        return new Theory(ASSUMED, java.util.Arrays.stream(Property.values())
                .map(p -> Claim.holds(p, ASSUMED, "assumed to hold on every iteration"))
                .toList());
    }

    @Override
    public Problem problem() {
        return problem;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public String optimizer() {
        return OPTIMIZER;
    }

    @Override
    public Theory theory() {
        return theory;
    }

    @Override
    public Optional<ObjectiveModel> objective() {
        return Optional.ofNullable(objective);
    }

    @Override
    public IterationUnit unit() {
        return unit;
    }

    @Override
    public void requestStop(String reason) {
        if (stop == null) {
            stop = reason;
        }
    }

    @Override
    public Optional<String> stopRequest() {
        return Optional.ofNullable(stop);
    }

    @Override
    public String toString() {
        return "StandaloneRun[" + state + ", theory " + theory.paper() + ", claims "
                + theory.claims().size() + "]";
    }
}
