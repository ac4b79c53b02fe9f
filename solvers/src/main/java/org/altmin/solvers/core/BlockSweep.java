package org.altmin.solvers.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockReport;
import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;

/**
 * One iteration of a block-coordinate method as data: the ordered list of its block updates, each a small
 * single-method {@link BlockUpdate} strategy for one (variable, layer). {@link #run} times each block, turns a block
 * that rejects its input (an {@link IllegalArgumentException}, {@link ArithmeticException} or
 * {@link IllegalStateException}, e.g. an empty preimage or a failed solve) into a diagnosis, and optionally stops at
 * a non-finite step; the blocks after a failure do not run and are reported with zero steps.
 *
 * @param <C> the context the blocks read and write (e.g. DLAM's {@code DlamContext})
 */
public final class BlockSweep<C> {
    /**
     * One block of the sweep.
     *
     * @param variable the variable it updates ({@code W, b, z, a, lambda, ...})
     * @param layer    1-based layer
     * @param role     how messages name it, e.g. {@code "W block"}, {@code "zL block"}, {@code "a update"}
     * @param update   the strategy
     */
    public record Step<C>(String variable, int layer, String role, BlockUpdate<C> update) {}

    private final List<Step<C>> steps;
    private final boolean stopOnNonFinite;

    /**
     * @param steps           the blocks in the order they run
     * @param stopOnNonFinite whether a non-finite squared step ends the sweep with a diagnosis (methods that
     *                        measure their objective after the sweep can leave this to the measurement)
     */
    public BlockSweep(List<Step<C>> steps, boolean stopOnNonFinite) {
        this.steps = List.copyOf(steps);
        this.stopOnNonFinite = stopOnNonFinite;
    }

    public List<Step<C>> steps() {
        return steps;
    }

    /** Every block with a zero step, in order. */
    public List<BlockReport> layout() {
        List<BlockReport> out = new ArrayList<>(steps.size());
        for (Step<C> s : steps) {
            out.add(BlockReport.none(s.variable(), s.layer()));
        }
        return out;
    }

    /** Runs every block once, in order, on {@code context} at iteration {@code k}. */
    public Sweep run(C context, int k) {
        List<BlockReport> done = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            Step<C> s = steps.get(i);
            long t0 = System.nanoTime();
            BlockStep step;
            try {
                step = s.update().update(context, s.layer());
            } catch (IllegalArgumentException | ArithmeticException | IllegalStateException e) {
                String reason = e.getMessage() != null ? e.getMessage() : e.toString();
                return failed(done, i, "the " + s.role() + " of layer " + s.layer() + " failed at iteration " + k + ": "
                        + reason);
            }
            long elapsed = System.nanoTime() - t0;
            done.add(BlockReport.of(s.variable(), s.layer(), step.withNanos(elapsed)));
            if (stopOnNonFinite && !Double.isFinite(step.stepSquared())) {
                String v = s.variable() + "_" + s.layer();
                return failed(done, i + 1, v + " became non-finite in the " + s.role() + " of layer " + s.layer()
                        + " at iteration " + k + " (||" + v + "^{k+1} - " + v + "^k||^2 = " + step.stepSquared() + ")");
            }
        }
        return Sweep.of(done, Map.of());
    }

    private Sweep failed(List<BlockReport> done, int from, String diagnosis) {
        List<BlockReport> all = new ArrayList<>(done);
        for (int j = from; j < steps.size(); j++) {
            all.add(BlockReport.none(steps.get(j).variable(), steps.get(j).layer()));
        }
        return new Sweep(all, Map.of(), diagnosis);
    }

    /**
     * Saves the state of every step whose update is {@link Resumable} (a block that keeps data between calls) as
     * {@code block.<variable>_<layer>.*}; stateless blocks save nothing.
     */
    public void save(Snapshot out) {
        for (Step<C> s : steps) {
            if (s.update() instanceof Resumable r) {
                r.save(out.within("block." + s.variable() + "_" + s.layer()));
            }
        }
    }

    /** Restores what {@link #save} saved. */
    public void restore(Snapshot in) {
        for (Step<C> s : steps) {
            if (s.update() instanceof Resumable r) {
                r.restore(in.within("block." + s.variable() + "_" + s.layer()));
            }
        }
    }
}
