package org.altmin.solvers.dlam;

import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.State;
import org.altmin.solvers.core.StepMemory;
import org.altmin.solvers.kernels.Fused;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * mDLAM's extrapolated W or a block with its monotone safeguard (see {@link MdlamOptimizer}): wraps any DLAM block
 * of the role, so a researcher's W or a block is accelerated without a copy.
 *
 * <p>Per call: keep x^k and the affected coupling product, run the plain update from x^k and note the block's part
 * of F, restore, move to {@code x_hat = x^k + w (x^k - x^{k-1})} with the product updated to match, run the update
 * from x_hat, and keep the one from x_hat unless it gives a larger F than the plain one (or its search hit its cap,
 * for a). The products: for W_1, {@code W_hat x = (1 + w) W^k x - w W^{k-1} x} from the product kept at the last call
 * (x never changes), no GEMM; for W_l, l > 1, {@code W_hat a = W^k a + w (W^k - W^{k-1}) a}, one GEMM; for a_l,
 * {@code W_{l+1} a_hat = W_{l+1} a^k + w W_{l+1} (a^k - a^{k-1})}, one GEMM. Buffers are the workspace's, allocated
 * on the first call.
 */
final class Extrapolated implements BlockUpdate<DlamContext>, org.altmin.solvers.core.Resumable {
    private final BlockUpdate<DlamContext> inner;
    private final String variable;
    private final Extrapolation momentum;
    private final java.util.BitSet seen = new java.util.BitSet();
    /** The buffers holding x^{k-1} (and, for W_1, {@code W^{k-1} x}) by layer, once the first call made them. */
    private final java.util.Map<Integer, INDArray> previousOf = new java.util.TreeMap<>();
    private final java.util.Map<Integer, INDArray> previousProductOf = new java.util.TreeMap<>();
    /** Restored x^{k-1} (and product) by layer, copied into the buffers by the next call of that layer. */
    private final java.util.Map<Integer, INDArray> pendingPrevious = new java.util.HashMap<>();
    private final java.util.Map<Integer, INDArray> pendingProduct = new java.util.HashMap<>();

    Extrapolated(BlockUpdate<DlamContext> inner, String variable, Extrapolation momentum) {
        this.inner = inner;
        this.variable = variable;
        this.momentum = momentum;
    }

    @Override
    public void prepare(org.altmin.api.Problem problem, int layer) {
        inner.prepare(problem, layer);
    }

    @Override
    public BlockStep update(DlamContext ctx, int l) {
        boolean isW = variable.equals(State.W);
        INDArray x = isW ? ctx.state().w(l) : ctx.state().a(l);
        int productLayer = isW ? l : l + 1;
        INDArray product = ctx.wa(productLayer);
        INDArray previous = buffer(ctx, "mdlam-previous", l, x);
        previousOf.put(l, previous);
        if (isW && l == 1) {
            previousProductOf.put(l, buffer(ctx, "mdlam-previous-product", l, product));
        }
        if (pendingPrevious.containsKey(l)) {
            restoreInto(pendingPrevious.remove(l), previous, "previous_" + l);
            if (pendingProduct.containsKey(l)) {
                restoreInto(pendingProduct.remove(l), previousProductOf.get(l), "previous_product_" + l);
            }
            seen.set(l);
        }
        boolean first = !seen.get(l);
        double w = momentum.weight();
        if (first || w == 0) {
            seen.set(l);
            previous.assign(x);
            if (isW && l == 1) {
                buffer(ctx, "mdlam-previous-product", l, product).assign(product);
            }
            return inner.update(ctx, l);
        }
        StepMemory steps = ctx.steps();
        INDArray current = buffer(ctx, "mdlam-current", l, x).assign(x);
        INDArray currentProduct = buffer(ctx, "mdlam-current-product", l, product).assign(product);
        double currentParameter = steps.last(variable, l);

        // The plain DLAM update from x^k.
        BlockStep plain = inner.update(ctx, l);
        double fPlain = localObjective(ctx, l);
        INDArray plainX = buffer(ctx, "mdlam-plain", l, x).assign(x);
        INDArray plainProduct = buffer(ctx, "mdlam-plain-product", l, product).assign(product);
        double plainParameter = steps.last(variable, l);

        // x_hat and its product.
        INDArray difference = buffer(ctx, "mdlam-difference", l, x).assign(current).subi(previous);
        x.assign(difference).muli(w).addi(current);
        if (isW && l == 1) {
            INDArray before = buffer(ctx, "mdlam-previous-product", l, product);
            product.assign(currentProduct).muli(1 + w).subi(before.muli(w));
            before.assign(currentProduct);
        } else if (isW) {
            product.assign(currentProduct);
            ctx.gemm().gemm(difference, ctx.state().a(l - 1), product, false, false, w, 1.0);
        } else {
            product.assign(currentProduct);
            ctx.gemm().gemm(ctx.state().w(l + 1), difference, product, false, false, w, 1.0);
        }
        steps.accept(variable, l, currentParameter);
        BlockStep hat = inner.update(ctx, l);
        double fHat = hat.fallback() && !isW ? Double.POSITIVE_INFINITY : localObjective(ctx, l);
        previous.assign(current);

        if (fHat <= fPlain) {
            double actual = Fused.difference(x, current, difference);
            double certificate = plain.stepSquared() == 0 || actual == 0 ? plain.modulus()
                    : plain.modulus() * plain.stepSquared() / actual;
            return new BlockStep(actual, plain.trials() + hat.trials(), certificate, false, 0L);
        }
        x.assign(plainX);
        product.assign(plainProduct);
        steps.accept(variable, l, plainParameter);
        momentum.restart();
        return new BlockStep(plain.stepSquared(), plain.trials() + hat.trials(), plain.modulus(), plain.fallback(), 0L);
    }

    /**
     * Saves x^{k-1} of every layer this block has run on ({@code previous_l}, and {@code previous_product_l}, the
     * kept {@code W^{k-1} x}, for W_1): the extrapolation of the next iteration reads them.
     */
    @Override
    public void save(org.altmin.solvers.core.Snapshot out) {
        for (int l = seen.nextSetBit(0); l >= 0; l = seen.nextSetBit(l + 1)) {
            out.put("previous_" + l, previousOf.get(l));
            if (previousProductOf.containsKey(l)) {
                out.put("previous_product_" + l, previousProductOf.get(l));
            }
        }
    }

    /** Keeps the saved x^{k-1} until this block's next call allocates its buffers (on the session's workspace). */
    @Override
    public void restore(org.altmin.solvers.core.Snapshot in) {
        pendingPrevious.clear();
        pendingProduct.clear();
        for (String name : in.arrayNames("previous_")) {
            if (!name.startsWith("previous_product_")) {
                int l = Integer.parseInt(name.substring("previous_".length()));
                pendingPrevious.put(l, in.array(name));
                if (in.has("previous_product_" + l)) {
                    pendingProduct.put(l, in.array("previous_product_" + l));
                }
            }
        }
    }

    private static void restoreInto(INDArray saved, INDArray target, String name) {
        if (!java.util.Arrays.equals(saved.shape(), target.shape()) || saved.dataType() != target.dataType()) {
            throw org.altmin.api.InvalidParameterException.of("checkpoint", "mDLAM " + name,
                    java.util.Arrays.toString(saved.shape()), "the run's " + java.util.Arrays.toString(target.shape()));
        }
        target.assign(saved);
    }

    /** The terms of F that the block changes: W_l: Omega_l(W_l) + phi_l; a_l: phi_{l+1}. */
    private double localObjective(DlamContext ctx, int l) {
        if (variable.equals(State.W)) {
            double phi = 0.5 * ctx.rho() * ctx.residualSquared(l, ctx.buffer("residual", l));
            return phi + ctx.problem().regularizer(l).value(ctx.state().w(l));
        }
        return 0.5 * ctx.rho() * ctx.residualSquared(l + 1, ctx.buffer("residual", l + 1));
    }

    private INDArray buffer(DlamContext ctx, String name, int l, INDArray like) {
        return ctx.workspace().buffer(name + "-" + variable, l, like.rows(), like.columns());
    }
}
