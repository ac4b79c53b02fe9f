package org.altmin.verification.contracts;

import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.Doubles;

/** Positive sanity: the test-only Tanh satisfies the QuasilinearActivationContract. */
class TanhContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Doubles.Tanh();
    }
}
