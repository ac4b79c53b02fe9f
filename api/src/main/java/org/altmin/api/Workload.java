package org.altmin.api;

/**
 * What kind of compute an optimizer's iterations are, so that a {@link org.altmin.api.kernels.ThreadPolicy} can
 * choose the BLAS/OpenMP threads and the Java parallelism that suit it (see {@link Optimizer#workload()}).
 */
public enum Workload {
    /**
     * Products and elementwise passes over all N samples at once ({@code n_l x N} arrays: DLAM, mDLAM, ADMM,
     * full-batch gradient descent): large enough that every core helps.
     */
    FULL_BATCH,
    /**
     * Many small products, one minibatch at a time (the SGD family): each GEMM is too small to share among threads
     * cheaply, and waking or spinning threads per call costs more than it saves.
     */
    MINIBATCH
}
