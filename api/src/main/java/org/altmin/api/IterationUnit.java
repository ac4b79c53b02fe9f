package org.altmin.api;

import java.util.Locale;

/** What one reported step of an optimizer is: an iteration (one sweep over all blocks) or an epoch (SGD). */
public enum IterationUnit {
    /** One sweep of a block-coordinate method over all its blocks. */
    ITERATION,
    /** One pass of a stochastic method over the training set. */
    EPOCH;

    /** {@code "iteration"} or {@code "epoch"}, for column names, axis titles and messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
