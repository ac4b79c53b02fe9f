package org.altmin.activations.contracts;

import org.altmin.activations.Sigmoid;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new Sigmoid()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class SigmoidContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Sigmoid();
    }
}
