package org.altmin.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an optimizer reports after one iteration (one sweep over its blocks, or one epoch for SGD), in a shape
 * that serves the whole family: the objective and its terms by name, one {@link BlockReport} per (variable, layer),
 * the method's own diagnostics by name, and the forward-pass {@link Evaluation}. {@code metrics.csv}, the plots
 * and the monitors take their columns and series from these names, so a new optimizer needs no edit there.
 *
 * <p>Per-layer diagnostics are named {@code name_l} ({@link #layerKey}), e.g. DLAM's {@code band_residual_1}.
 *
 * @param iteration   k; 0 for the starting point (so that F^0 is known)
 * @param unit        what k counts
 * @param objective   the value of the method's objective at the new point ({@code +inf} where a hard constraint
 *                    is violated; NaN for a method without one)
 * @param terms       the objective's terms by name, in the method's order (e.g. DLAM: risk, regularization,
 *                    coupling, infeasibility)
 * @param blocks      the block updates of the iteration in the order they ran (every block of the method, also
 *                    at iteration 0, with zero steps, so that the set of blocks is the same in every report)
 * @param diagnostics the method's own quantities by name (ADMM's primal residual, DLAM's eps, ...), in its order
 * @param evaluation  the forward pass; {@link Evaluation#NONE} when not evaluated
 * @param nanos       wall time of the iteration, without the evaluation
 */
public record IterationReport(int iteration, IterationUnit unit, double objective, Map<String, Double> terms,
        List<BlockReport> blocks, Map<String, Double> diagnostics, Evaluation evaluation, long nanos) {
    public IterationReport {
        if (iteration < 0) {
            throw InvalidParameterException.of("IterationReport", "iteration", iteration, ">= 0");
        }
        if (unit == null || evaluation == null) {
            throw InvalidParameterException.of("IterationReport", "unit/evaluation", "null", "non-null");
        }
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        blocks = List.copyOf(blocks);
        diagnostics = Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    }

    /** {@code name_l}: the key of a per-layer term or diagnostic. */
    public static String layerKey(String name, int layer) {
        return name + "_" + layer;
    }

    /** A term by name, NaN when the method has no such term. */
    public double term(String name) {
        return terms.getOrDefault(name, Double.NaN);
    }

    /** A diagnostic by name, NaN when the method reports none of that name. */
    public double diagnostic(String name) {
        return diagnostics.getOrDefault(name, Double.NaN);
    }

    /** The block of {@code variable} and {@code layer}, if the method has it. */
    public Optional<BlockReport> block(String variable, int layer) {
        return blocks.stream().filter(b -> b.layer() == layer && b.variable().equals(variable)).findFirst();
    }

    /** {@code ||x^{k+1} - x^k||^2}: the sum of every block's squared step. */
    public double stepSquared() {
        double sum = 0;
        for (BlockReport b : blocks) {
            sum += b.stepSquared();
        }
        return sum;
    }

    /** The right-hand side of a sufficient-descent inequality: the sum of every block's {@link BlockReport#descentShare()}. */
    public double descentBound() {
        double sum = 0;
        for (BlockReport b : blocks) {
            sum += b.descentShare();
        }
        return sum;
    }

    public double trainLoss() {
        return evaluation.trainLoss();
    }

    public double trainAccuracy() {
        return evaluation.trainAccuracy();
    }

    public double testLoss() {
        return evaluation.testLoss();
    }

    public double testAccuracy() {
        return evaluation.testAccuracy();
    }

    /** Mean loss on the validation set held out from the training set; NaN without one. */
    public double validationLoss() {
        return evaluation.validationLoss();
    }

    /** Accuracy on the validation set; NaN without one. */
    public double validationAccuracy() {
        return evaluation.validationAccuracy();
    }

    /** This report with another evaluation. */
    public IterationReport withEvaluation(Evaluation other) {
        return new IterationReport(iteration, unit, objective, terms, blocks, diagnostics, other, nanos);
    }

    /** A convenience builder for optimizers: terms, blocks and diagnostics in insertion order. */
    public static Builder builder(int iteration, IterationUnit unit) {
        return new Builder(iteration, unit);
    }

    /** Collects the parts of a report; not thread-safe. */
    public static final class Builder {
        private final int iteration;
        private final IterationUnit unit;
        private double objective = Double.NaN;
        private final Map<String, Double> terms = new LinkedHashMap<>();
        private final java.util.ArrayList<BlockReport> blocks = new java.util.ArrayList<>();
        private final Map<String, Double> diagnostics = new LinkedHashMap<>();
        private Evaluation evaluation = Evaluation.NONE;
        private long nanos;

        private Builder(int iteration, IterationUnit unit) {
            this.iteration = iteration;
            this.unit = unit;
        }

        public Builder objective(double value) {
            objective = value;
            return this;
        }

        public Builder term(String name, double value) {
            terms.put(name, value);
            return this;
        }

        public Builder terms(Map<String, Double> values) {
            terms.putAll(values);
            return this;
        }

        public Builder block(BlockReport block) {
            blocks.add(block);
            return this;
        }

        public Builder blocks(List<BlockReport> values) {
            blocks.addAll(values);
            return this;
        }

        public Builder diagnostic(String name, double value) {
            diagnostics.put(name, value);
            return this;
        }

        public Builder diagnostics(Map<String, Double> values) {
            diagnostics.putAll(values);
            return this;
        }

        public Builder evaluation(Evaluation value) {
            evaluation = value;
            return this;
        }

        public Builder nanos(long value) {
            nanos = value;
            return this;
        }

        public IterationReport build() {
            return new IterationReport(iteration, unit, objective, terms, blocks, diagnostics, evaluation, nanos);
        }
    }
}
