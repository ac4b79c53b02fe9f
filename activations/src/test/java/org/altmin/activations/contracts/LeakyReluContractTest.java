package org.altmin.activations.contracts;

import org.altmin.activations.LeakyRelu;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new LeakyRelu()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class LeakyReluContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new LeakyRelu();
    }
}
