package org.altmin.losses.contracts;

import org.altmin.api.Regularizer;
import org.altmin.losses.L1Regularizer;
import org.altmin.verification.contracts.RegularizerContract;

/** The verification module's {@link RegularizerContract} (Assumption 2, subgradient, prox) for {@link L1Regularizer}. */
class L1RegularizerContractTest implements RegularizerContract {
    @Override
    public Regularizer subject() {
        return new L1Regularizer(0.5);
    }
}
