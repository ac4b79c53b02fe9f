package org.altmin.verification.contracts;

import org.altmin.api.Loss;
import org.altmin.verification.Doubles;

/**
 * Positive sanity with an iterative prox (damped Newton): the tolerances of the prox checks must accept a prox that
 * is exact only to its reported residual, on inputs up to 1e3 and rho down to 1e-2.
 */
class SoftmaxCrossEntropyContractTest implements LossContract {
    @Override
    public Loss subject() {
        return new Doubles.SoftmaxCrossEntropy();
    }

    @Override
    public int classes() {
        return 3;
    }
}
