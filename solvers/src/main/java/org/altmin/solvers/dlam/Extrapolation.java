package org.altmin.solvers.dlam;

/**
 * The Nesterov sequence of one mDLAM run ({@link MdlamOptimizer}): {@code t_0 = 1},
 * {@code t_k = (1 + sqrt(1 + 4 t_{k-1}^2)) / 2}, extrapolation weight {@code (t_{k-1} - 1) / t_k}, and the restart
 * counts of the safeguard.
 */
final class Extrapolation implements org.altmin.solvers.core.Resumable {
    private double t = 1.0;
    private double weight;
    private int restarts;
    private int restartsTotal;

    /** Moves to iteration k: the weight of its extrapolations. */
    void begin(int k) {
        if (k == 1) {
            t = 1.0;
            weight = 0.0;
        } else {
            double next = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            weight = (t - 1) / next;
            t = next;
        }
        restarts = 0;
    }

    double weight() {
        return weight;
    }

    void restart() {
        restarts++;
        restartsTotal++;
    }

    int restarts() {
        return restarts;
    }

    int restartsTotal() {
        return restartsTotal;
    }

    @Override
    public void save(org.altmin.solvers.core.Snapshot out) {
        out.put("t", t);
        out.put("weight", weight);
        out.put("restarts", (long) restarts);
        out.put("restarts_total", (long) restartsTotal);
    }

    @Override
    public void restore(org.altmin.solvers.core.Snapshot in) {
        t = in.number("t");
        weight = in.number("weight");
        restarts = in.integer("restarts", 0, Integer.MAX_VALUE);
        restartsTotal = in.integer("restarts_total", 0, Integer.MAX_VALUE);
    }
}
