package org.altmin.verification.contracts;

import org.altmin.api.Loss;
import org.altmin.verification.Doubles;

/** Positive sanity: the test-only SquareLoss satisfies the LossContract. */
class SquareLossContractTest implements LossContract {
    @Override
    public Loss subject() {
        return new Doubles.SquareLoss();
    }
}
