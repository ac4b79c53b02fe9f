package org.altmin.verification.contracts;

import org.altmin.api.Regularizer;
import org.altmin.verification.Doubles;

/** Positive sanity: the test-only L1 satisfies the RegularizerContract. */
class L1ContractTest implements RegularizerContract {
    @Override
    public Regularizer subject() {
        return new Doubles.L1(0.3);
    }
}
