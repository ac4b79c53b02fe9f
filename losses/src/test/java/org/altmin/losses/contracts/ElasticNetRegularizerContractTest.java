package org.altmin.losses.contracts;

import org.altmin.api.Regularizer;
import org.altmin.losses.ElasticNetRegularizer;
import org.altmin.verification.contracts.RegularizerContract;

/** The verification module's {@link RegularizerContract} (Assumption 2, subgradient, prox) for {@link ElasticNetRegularizer}. */
class ElasticNetRegularizerContractTest implements RegularizerContract {
    @Override
    public Regularizer subject() {
        return new ElasticNetRegularizer(0.5, 0.25);
    }
}
