package org.altmin.verification.contracts;

import org.altmin.api.Regularizer;
import org.altmin.verification.Doubles;

/** Positive sanity: the test-only SquaredFrobenius satisfies the RegularizerContract. */
class SquaredFrobeniusContractTest implements RegularizerContract {
    @Override
    public Regularizer subject() {
        return new Doubles.SquaredFrobenius(0.5);
    }
}
