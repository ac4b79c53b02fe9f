package org.altmin.losses.contracts;

import org.altmin.api.Loss;
import org.altmin.losses.CrammerSingerHingeLoss;
import org.altmin.verification.contracts.LossContract;

/** The verification module's {@link LossContract} (Assumption 2, gradient, prox of DLAM eq. 5) for {@link CrammerSingerHingeLoss}. */
class CrammerSingerHingeLossContractTest implements LossContract {
    @Override
    public Loss subject() {
        return new CrammerSingerHingeLoss();
    }
}
