package org.altmin.api;

/**
 * The convergence properties an alternating-minimization method can prove, as DLAM states them (J. Wang, F. Yu,
 * X. Chen, L. Zhao, arXiv:1811.04187, section 4.1). An optimizer declares which its paper proves, and under which
 * settings, in its {@link Theory}; the verification monitors attach by these, not by parameter names.
 */
public enum Property {
    /** Property 1: the iterates stay bounded. */
    BOUNDEDNESS("Property 1 (boundedness)"),
    /**
     * Property 2: sufficient descent, {@code F^k - F^{k+1} >= sum over blocks (c/2)||x^{k+1} - x^k||^2} with each
     * block's {@link BlockReport#modulus()} as c.
     */
    SUFFICIENT_DESCENT("Property 2 (sufficient descent)"),
    /** Property 3: a subgradient {@code g^{k+1}} of F with {@code ||g^{k+1}|| <= C ||x^{k+1} - x^k||}. */
    SUBGRADIENT_BOUND("Property 3 (subgradient bound)"),
    /** Theorem 1: every limit point is a critical point of F (from Properties 1-3). */
    CRITICAL_POINT_CONVERGENCE("Theorem 1 (convergence to a critical point)");

    private final String title;

    Property(String title) {
        this.title = title;
    }

    /** E.g. {@code "Property 2 (sufficient descent)"}. */
    public String title() {
        return title;
    }
}
