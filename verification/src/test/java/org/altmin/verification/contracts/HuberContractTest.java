package org.altmin.verification.contracts;

import org.altmin.api.Loss;
import org.altmin.verification.EdgeDoubles;

/** Positive control at the finite-difference edge: a correct, once-differentiable Huber loss passes the contract. */
class HuberContractTest implements LossContract {
    @Override
    public Loss subject() {
        return new EdgeDoubles.Huber(1.0);
    }
}
