package org.altmin.losses.contracts;

import org.altmin.api.Regularizer;
import org.altmin.losses.L2Regularizer;
import org.altmin.verification.contracts.RegularizerContract;

/** The verification module's {@link RegularizerContract} (Assumption 2, subgradient, prox) for {@link L2Regularizer}. */
class L2RegularizerContractTest implements RegularizerContract {
    @Override
    public Regularizer subject() {
        return new L2Regularizer(0.5);
    }
}
