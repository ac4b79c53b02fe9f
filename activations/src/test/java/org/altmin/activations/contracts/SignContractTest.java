package org.altmin.activations.contracts;

import org.altmin.activations.Sign;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new Sign()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class SignContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Sign();
    }
}
