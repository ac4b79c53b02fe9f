package org.altmin.activations.contracts;

import org.altmin.activations.Relu;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new Relu()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class ReluContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Relu();
    }
}
