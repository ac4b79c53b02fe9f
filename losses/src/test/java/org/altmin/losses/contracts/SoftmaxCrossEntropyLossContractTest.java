package org.altmin.losses.contracts;

import org.altmin.api.Loss;
import org.altmin.losses.SoftmaxCrossEntropyLoss;
import org.altmin.verification.contracts.LossContract;

/** The verification module's {@link LossContract} (Assumption 2, gradient, prox of DLAM eq. 5) for {@link SoftmaxCrossEntropyLoss}. */
class SoftmaxCrossEntropyLossContractTest implements LossContract {
    @Override
    public Loss subject() {
        return new SoftmaxCrossEntropyLoss();
    }
}
