package org.altmin.activations.contracts;

import org.altmin.activations.Softsign;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new Softsign()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class SoftsignContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new Softsign();
    }
}
