package org.altmin.verification.monitors;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.BlockReport;
import org.altmin.api.IterationReport;
import org.altmin.api.IterationUnit;

/** Synthetic iteration reports for the monitor tests. */
final class Records {
    private Records() {}

    /** A block of {@code variable} in layer {@code l} with the given squared step and modulus. */
    static BlockReport block(String variable, int l, double squared, double modulus) {
        return new BlockReport(variable, l, squared, 1, modulus, false, 0L);
    }

    /** A report of iteration k with objective F = {@code objective} (all in the term "risk"). */
    static IterationReport record(int k, double objective, List<BlockReport> blocks) {
        return IterationReport.builder(k, IterationUnit.ITERATION).objective(objective).term("risk", objective)
                .term("infeasibility", 0.0).blocks(blocks).build();
    }

    /** A report of an infeasible point: F = +inf (the band indicator). */
    static IterationReport infeasible(int k, List<BlockReport> blocks) {
        return IterationReport.builder(k, IterationUnit.ITERATION).objective(Double.POSITIVE_INFINITY)
                .term("risk", 1.0).term("infeasibility", 0.5).blocks(blocks).build();
    }

    /**
     * The W, b, z and a blocks of layer l with the given squared steps: W with modulus theta, a with tau (no a block
     * when {@code da == 0} and tau is NaN, as for the output layer), b and z without a stated modulus (NaN).
     */
    static List<BlockReport> layer(int l, double dw, double theta, double db, double dz, double da, double tau) {
        List<BlockReport> blocks = new ArrayList<>();
        blocks.add(block("W", l, dw, theta));
        blocks.add(block("b", l, db, Double.NaN));
        blocks.add(block("z", l, dz, Double.NaN));
        if (!(da == 0 && Double.isNaN(tau))) {
            blocks.add(block("a", l, da, tau));
        }
        return blocks;
    }
}
