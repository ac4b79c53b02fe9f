package org.altmin.activations.contracts;

import org.altmin.activations.HardTanh;
import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.contracts.QuasilinearActivationContract;

/** {@code new HardTanh()} passes the verification module's activation contract (Assumption 3, equation 4 of DLAM). */
class HardTanhContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new HardTanh();
    }
}
