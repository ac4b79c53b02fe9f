package org.altmin.verification.contracts;

import org.altmin.api.Loss;
import org.altmin.verification.Doubles;

/** Positive sanity: the test-only AbsLoss satisfies the LossContract. */
class AbsLossContractTest implements LossContract {
    @Override
    public Loss subject() {
        return new Doubles.AbsLoss();
    }
}
