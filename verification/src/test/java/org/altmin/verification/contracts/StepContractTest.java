package org.altmin.verification.contracts;

import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.Doubles;

/** Positive sanity for a discontinuous, bounded activation: the binary step with closed preimage bounds. */
class StepContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Doubles.Step();
    }
}
