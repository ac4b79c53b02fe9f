package org.altmin.activations.contracts;

import org.altmin.activations.Step;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new Step()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class StepContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Step();
    }
}
