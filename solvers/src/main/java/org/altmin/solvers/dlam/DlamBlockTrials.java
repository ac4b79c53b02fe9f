package org.altmin.solvers.dlam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.altmin.api.BlockStep;
import org.altmin.api.BlockTrial;
import org.altmin.api.BlockUpdate;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.State;
import org.altmin.api.TrainingData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DLAM blocks on random small problems in DOUBLE, as {@link BlockTrial}s for the block contracts (Lemma 1 and
 * Lemma 3 of Wang et al., arXiv:1811.04187; checked by the verification module's {@code BlockChecks}).
 *
 * <p>Each seed draws a network of 2 or 3 layers with widths 2-5, N = 3-8 samples of Gaussian x and one-hot y, one
 * loss, regularizer and activation from the given candidates, rho in [0.05, 5], a fixed eps in [0.01, 10] (wide
 * bands too, where the a block's projection does not bind and only its own curvature test decides), the
 * backtracking start nu (or mu) log-uniform in [1e-3, 1e2] with gamma (or eta) in {1.5, 2, 3} and no warm start
 * (so that trials start both below and above the acceptable parameter), a layer the role serves, and a random
 * feasible point: W, b, z Gaussian (z at a random scale), {@code a_l = h(z_l) + eps u} with u uniform in [-1, 1],
 * so every coupling residual is nonzero and every band constraint holds.
 *
 * <p>F restricted to the block is split as phi + g:
 * <ul>
 *   <li>W_l: phi = the coupling term of layer l, {@code grad = -rho r_l a_{l-1}^T}; g = Omega_l;</li>
 *   <li>b_l: the same phi, {@code grad = -rho r_l 1}; g = 0;</li>
 *   <li>z_l, l &lt; L: phi = the coupling term of layer l, {@code grad = rho (z_l - W_l a_{l-1} - b_l)}; g = the
 *       indicator of the preimage {@code [B1, B2]} of the band around a_l (equation 4), prox = the clip;</li>
 *   <li>z_L: the same phi; g = R(.; y), prox = the loss's prox (equation 5);</li>
 *   <li>a_l: phi = the coupling term of layer l+1, {@code grad = -rho W_{l+1}^T r_{l+1}}; g = the indicator of
 *       {@code [h(z_l) - eps, h(z_l) + eps]}, prox = the projection.</li>
 * </ul>
 * with {@code r_l = z_l - W_l a_{l-1} - b_l 1^T}. F is computed from fresh products (the session's cache is what
 * {@link BlockTrial#invariantViolation()} compares with them).
 */
public final class DlamBlockTrials {
    /** Relative slack of the band constraint when F is evaluated (rounding of h and of the projection). */
    static final double BAND_SLACK = 1e-9;

    private DlamBlockTrials() {}

    /**
     * Trials of {@code block} in {@code role} (one of {@link DlamBlocks#ROLES}) with components drawn from the
     * candidates. Candidate regularizers the block's {@link BlockUpdate#prepare} rejects are left out.
     *
     * @throws InvalidParameterException for an unknown role, an empty candidate list, or a block that rejects every
     *                                   candidate regularizer
     */
    public static LongFunction<BlockTrial> of(String role, BlockUpdate<DlamContext> block, List<Loss> losses,
            List<Regularizer> regularizers, List<QuasilinearActivation> activations) {
        if (!DlamBlocks.ROLES.contains(role)) {
            throw InvalidParameterException.of("DLAM block trial", "role", "'" + role + "'", "one of " + DlamBlocks.ROLES);
        }
        if (block == null || losses.isEmpty() || regularizers.isEmpty() || activations.isEmpty()) {
            throw InvalidParameterException.of("DLAM block trial", "block and candidates", "null or empty",
                    "a block and at least one loss, regularizer and activation");
        }
        List<Regularizer> accepted = new ArrayList<>();
        String rejection = null;
        for (Regularizer omega : regularizers) {
            try {
                Problem probe = problem(new SplittableRandom(1), 2, NetworkSpec.of(2, 2, 2), losses.get(0), omega,
                        activations.get(0));
                for (int l = 1; l <= 2; l++) {
                    block.prepare(probe, l);
                }
                accepted.add(omega);
            } catch (InvalidParameterException e) {
                rejection = e.getMessage();
            }
        }
        if (accepted.isEmpty()) {
            throw new InvalidParameterException("DLAM block trial", "regularizers",
                    "the block rejects every candidate regularizer " + regularizers + ": " + rejection);
        }
        List<Loss> l = List.copyOf(losses);
        List<QuasilinearActivation> h = List.copyOf(activations);
        return seed -> trial(role, block, l, accepted, h, seed);
    }

    private static BlockTrial trial(String role, BlockUpdate<DlamContext> block, List<Loss> losses,
            List<Regularizer> regularizers, List<QuasilinearActivation> activations, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int layers = 2 + rng.nextInt(2);
        int[] widths = new int[layers + 1];
        for (int l = 0; l <= layers; l++) {
            widths[l] = 2 + rng.nextInt(4);
        }
        int n = 3 + rng.nextInt(6);
        Loss loss = losses.get(rng.nextInt(losses.size()));
        Regularizer omega = regularizers.get(rng.nextInt(regularizers.size()));
        QuasilinearActivation h = activations.get(rng.nextInt(activations.size()));
        Problem problem = problem(rng, n, NetworkSpec.of(widths), loss, omega, h);
        double rho = 0.05 * Math.pow(100, rng.nextDouble());
        double eps = 0.01 * Math.pow(1000, rng.nextDouble());
        double[] growth = {1.5, 2.0, 3.0};
        DlamConfig config = DlamConfig.defaults().withRhoEpsilon(rho, eps).withBacktracking(
                1e-3 * Math.pow(1e5, rng.nextDouble()), growth[rng.nextInt(3)],
                1e-3 * Math.pow(1e5, rng.nextDouble()), growth[rng.nextInt(3)], DlamConfig.DEFAULT_MAX_BACKTRACKS,
                false);
        int layer = switch (role) {
            case "zL" -> layers;
            case "z", "a" -> 1 + rng.nextInt(layers - 1);
            default -> 1 + rng.nextInt(layers);
        };
        DlamSession session = new DlamSession(problem, config);
        session.start();
        randomFeasiblePoint(session, rng, eps);
        session.beginIteration(1);
        session.refreshProducts();
        String description = role + " block " + block.getClass().getSimpleName() + ", layer " + layer + " of "
                + NetworkSpec.of(widths).widths() + ", N = " + n + ", loss " + loss + ", regularizer " + omega
                + ", activation " + h + ", rho " + rho + ", eps " + eps + ", nu " + config.nu() + ", gamma "
                + config.gamma() + ", mu " + config.mu() + ", eta " + config.eta() + " (trial seed " + seed + ")";
        return new Trial(session, role, layer, block, description);
    }

    private static Problem problem(SplittableRandom rng, int n, NetworkSpec network, Loss loss, Regularizer omega,
            QuasilinearActivation h) {
        INDArray x = gaussian(rng, network.inputs(), n, 1.0);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, network.outputs(), n);
        for (int j = 0; j < n; j++) {
            y.putScalar(rng.nextInt(network.outputs()), j, 1.0);
        }
        return Problem.uniform(network, new TrainingData(x, y), loss, omega, h, rng.nextLong());
    }

    private static void randomFeasiblePoint(DlamSession session, SplittableRandom rng, double eps) {
        State s = session.state();
        Problem p = session.problem();
        double[] scales = {0.1, 1.0, 3.0};
        for (int l = 1; l <= s.layers(); l++) {
            s.w(l).assign(gaussian(rng, s.w(l).rows(), s.w(l).columns(), 1.0 / Math.sqrt(s.w(l).columns())));
            s.b(l).assign(gaussian(rng, s.b(l).rows(), 1, 0.5));
            s.z(l).assign(gaussian(rng, s.z(l).rows(), s.z(l).columns(), scales[rng.nextInt(scales.length)]));
            if (l < s.layers()) {
                INDArray u = Nd4j.create(DataType.DOUBLE, s.a(l).shape());
                for (long i = 0; i < u.length(); i++) {
                    u.putScalar(i, (2 * rng.nextDouble() - 1) * eps * (1 - 1e-6));
                }
                s.a(l).assign(p.activation(l).apply(s.z(l)).addi(u));
            }
        }
    }

    private static INDArray gaussian(SplittableRandom rng, long rows, long cols, double scale) {
        INDArray out = Nd4j.create(DataType.DOUBLE, rows, cols);
        for (long i = 0; i < out.length(); i++) {
            double u1 = 1 - rng.nextDouble();
            double u2 = rng.nextDouble();
            out.putScalar(i, scale * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return out;
    }

    private static final class Trial implements BlockTrial {
        private final DlamSession ctx;
        private final String role;
        private final int layer;
        private final BlockUpdate<DlamContext> block;
        private final String description;

        Trial(DlamSession ctx, String role, int layer, BlockUpdate<DlamContext> block, String description) {
            this.ctx = ctx;
            this.role = role;
            this.layer = layer;
            this.block = block;
            this.description = description;
        }

        @Override
        public String description() {
            return description;
        }

        private State s() {
            return ctx.state();
        }

        private INDArray variable() {
            return switch (role) {
                case "W" -> s().w(layer);
                case "b" -> s().b(layer);
                case "z", "zL" -> s().z(layer);
                default -> s().a(layer);
            };
        }

        /**
         * {@code z_l - W_l a_{l-1} - b_l 1^T} from a fresh product, in plain Java: the arrays are a few entries
         * each, where every ND4J op costs far more than its arithmetic.
         */
        private double[][] residual(int l) {
            double[][] z = s().z(l).toDoubleMatrix();
            double[][] w = s().w(l).toDoubleMatrix();
            double[][] a = s().a(l - 1).toDoubleMatrix();
            double[] b = s().b(l).toDoubleVector();
            for (int i = 0; i < z.length; i++) {
                for (int j = 0; j < z[i].length; j++) {
                    double wa = 0;
                    for (int k = 0; k < a.length; k++) {
                        wa += w[i][k] * a[k][j];
                    }
                    z[i][j] -= wa + b[i];
                }
            }
            return z;
        }

        private static double sumOfSquares(double[][] m) {
            double sum = 0;
            for (double[] row : m) {
                for (double v : row) {
                    sum += v * v;
                }
            }
            return sum;
        }

        @Override
        public double objective() {
            Problem p = ctx.problem();
            int layers = p.layers();
            double eps = ctx.epsilon();
            double f = p.loss().value(s().z(layers), p.data().y());
            for (int l = 1; l <= layers; l++) {
                f += p.regularizer(l).value(s().w(l));
                f += 0.5 * ctx.rho() * sumOfSquares(residual(l));
                if (l < layers) {
                    QuasilinearActivation h = p.activation(l);
                    double[][] z = s().z(l).toDoubleMatrix();
                    double[][] a = s().a(l).toDoubleMatrix();
                    for (int i = 0; i < z.length; i++) {
                        for (int j = 0; j < z[i].length; j++) {
                            double hz = h.apply(z[i][j]);
                            if (!(Math.abs(hz - a[i][j]) <= eps + BAND_SLACK * (1 + Math.abs(hz)))) {
                                return Double.POSITIVE_INFINITY;
                            }
                        }
                    }
                }
            }
            return f;
        }

        @Override
        public INDArray point() {
            return variable().dup();
        }

        @Override
        public INDArray smoothGradient() {
            double rho = ctx.rho();
            double[][] out;
            switch (role) {
                case "W" -> {
                    double[][] r = residual(layer);
                    double[][] a = s().a(layer - 1).toDoubleMatrix();
                    out = new double[r.length][a.length];
                    for (int i = 0; i < r.length; i++) {
                        for (int k = 0; k < a.length; k++) {
                            double sum = 0;
                            for (int j = 0; j < r[i].length; j++) {
                                sum += r[i][j] * a[k][j];
                            }
                            out[i][k] = -rho * sum;
                        }
                    }
                }
                case "b" -> {
                    double[][] r = residual(layer);
                    out = new double[r.length][1];
                    for (int i = 0; i < r.length; i++) {
                        double sum = 0;
                        for (double v : r[i]) {
                            sum += v;
                        }
                        out[i][0] = -rho * sum;
                    }
                }
                case "z", "zL" -> {
                    out = residual(layer);
                    for (double[] row : out) {
                        for (int j = 0; j < row.length; j++) {
                            row[j] *= rho;
                        }
                    }
                }
                default -> {
                    double[][] r = residual(layer + 1);
                    double[][] w = s().w(layer + 1).toDoubleMatrix();
                    int n = w[0].length;
                    out = new double[n][r[0].length];
                    for (int k = 0; k < n; k++) {
                        for (int j = 0; j < r[0].length; j++) {
                            double sum = 0;
                            for (int i = 0; i < r.length; i++) {
                                sum += w[i][k] * r[i][j];
                            }
                            out[k][j] = -rho * sum;
                        }
                    }
                }
            }
            return Nd4j.createFromArray(out);
        }

        @Override
        public INDArray prox(INDArray v, double t) {
            Problem p = ctx.problem();
            double eps = ctx.epsilon();
            switch (role) {
                case "W":
                    return p.regularizer(layer).prox(v, t);
                case "b":
                    return v.dup();
                case "zL":
                    return p.loss().prox(v, p.data().y(), t);
                case "z": {
                    INDArray lower = v.ulike();
                    INDArray upper = v.ulike();
                    p.activation(layer).preimageBounds(s().a(layer), eps, lower, upper);
                    return Transforms.min(Transforms.max(v, lower, true), upper, false);
                }
                default: {
                    INDArray hz = p.activation(layer).apply(s().z(layer));
                    return Transforms.min(Transforms.max(v, hz.sub(eps), true), hz.add(eps), false);
                }
            }
        }

        @Override
        public BlockStep update() {
            return block.update(ctx, layer);
        }

        @Override
        public Optional<String> invariantViolation() {
            for (int l = 1; l <= ctx.layers(); l++) {
                INDArray fresh = s().w(l).mmul(s().a(l - 1));
                double gap = ctx.wa(l).sub(fresh).amaxNumber().doubleValue();
                double scale = 1 + fresh.amaxNumber().doubleValue();
                if (!(gap <= 1e-9 * scale)) {
                    return Optional.of("the cached product W_" + l + " a_" + (l - 1) + " differs from a fresh one by "
                            + gap + " (max entry); a block that changes W_l or a_{l-1} must keep ctx.wa(l) equal to it");
                }
            }
            return Optional.empty();
        }
    }
}
