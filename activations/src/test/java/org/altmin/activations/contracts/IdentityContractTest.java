package org.altmin.activations.contracts;

import org.altmin.activations.Identity;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new Identity()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class IdentityContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Identity();
    }
}
