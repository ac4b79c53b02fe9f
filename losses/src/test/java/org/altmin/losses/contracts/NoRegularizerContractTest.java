package org.altmin.losses.contracts;

import org.altmin.api.Regularizer;
import org.altmin.losses.NoRegularizer;
import org.altmin.verification.contracts.RegularizerContract;

/** The verification module's {@link RegularizerContract} (Assumption 2, subgradient, prox) for {@link NoRegularizer}. */
class NoRegularizerContractTest implements RegularizerContract {
    @Override
    public Regularizer subject() {
        return new NoRegularizer();
    }
}
