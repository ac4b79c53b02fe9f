package org.altmin.solvers.sgd;

import java.util.LinkedHashMap;
import java.util.Map;
import org.altmin.solvers.core.Resumable;
import org.altmin.solvers.core.Snapshot;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a minibatch gradient becomes a parameter step: plain SGD, momentum, Adam, RMSProp, AdaGrad. A small
 * strategy, so that {@link SgdOptimizer} is one backpropagation loop for all of them and a researcher adds a rule
 * by writing one class and registering {@code SgdOptimizer} with it under a name (see {@link SgdModule}).
 */
public interface UpdateRule {
    /** The rule's registered name, for messages and results. */
    String name();

    /**
     * The paper that defines the rule, for the optimizer's {@link org.altmin.api.Theory}; a rule without one says
     * so.
     */
    default String paper() {
        return "update rule '" + name() + "' (no paper given)";
    }

    /**
     * Makes the stepper of one parameter array (a {@code W_l} or {@code b_l}), with its state (velocity, moment
     * estimates, accumulators) allocated once, shaped like {@code parameter} and zero.
     */
    Stepper stepper(INDArray parameter);

    /**
     * Whether this rule's steppers save and restore their whole state ({@link Stepper#save}), so that an SGD run
     * can be checkpointed and resumed bit for bit; false by default, true for every shipped rule. A rule whose
     * steppers keep state overrides {@link Stepper#save} and {@link Stepper#restore} (or uses
     * {@link Stepper#withState}) before it says true.
     */
    default boolean resumable() {
        return false;
    }

    /** The stateful step of one parameter array. Not thread-safe. */
    interface Stepper extends Resumable {
        /**
         * Updates {@code parameter} in place from the minibatch gradient. The step counter t (1-based, as in the
         * papers) is the number of calls so far, this one included.
         *
         * @param gradient     the gradient of the mean minibatch loss; the stepper may overwrite it (it is scratch)
         * @param learningRate the current learning rate (after decay), {@code > 0}
         */
        void step(INDArray parameter, INDArray gradient, double learningRate);

        /** Saves the stepper's state (moments, accumulators, step count); nothing for a stateless stepper. */
        @Override
        default void save(Snapshot out) {}

        /** Restores what {@link #save} saved. */
        @Override
        default void restore(Snapshot in) {}

        /** {@code step} with its state held in {@code arrays} (saved and restored by name, e.g. {@code velocity}). */
        static Stepper withState(Stepper step, Map<String, INDArray> arrays) {
            Map<String, INDArray> held = new LinkedHashMap<>(arrays);
            return new Stepper() {
                @Override
                public void step(INDArray parameter, INDArray gradient, double learningRate) {
                    step.step(parameter, gradient, learningRate);
                }

                @Override
                public void save(Snapshot out) {
                    held.forEach(out::put);
                }

                @Override
                public void restore(Snapshot in) {
                    held.forEach(in::restore);
                }
            };
        }
    }
}
