package org.altmin.activations.contracts;

import org.altmin.activations.Tanh;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new Tanh()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class TanhContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Tanh();
    }
}
