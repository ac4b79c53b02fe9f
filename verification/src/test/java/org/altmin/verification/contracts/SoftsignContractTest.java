package org.altmin.verification.contracts;

import org.altmin.api.QuasilinearActivation;
import org.altmin.verification.EdgeDoubles;

/** Positive control at the boundedness edge: softsign, bounded but slowly converging, passes the contract. */
class SoftsignContractTest implements QuasilinearActivationContract {
    @Override
    public QuasilinearActivation subject() {
        return new EdgeDoubles.Softsign();
    }
}
