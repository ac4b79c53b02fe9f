package org.altmin.verification.contracts;

import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.Doubles;

/** Positive sanity: the test-only Relu satisfies the QuasilinearActivationContract. */
class ReluContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Doubles.Relu();
    }
}
