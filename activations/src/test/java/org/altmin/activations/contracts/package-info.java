/**
 * One contract test per registered activation, each implementing the verification module's
 * {@code QuasilinearActivationContract} with the default parameters. The straight-through variants
 * ({@code ste = 1}) are deliberately absent: their derivative is a surrogate, so the contract's
 * derivative-versus-central-differences property fails for them by design (values and bounds are those of
 * {@code step}/{@code sign}, which pass).
 */
package org.altmin.activations.contracts;
