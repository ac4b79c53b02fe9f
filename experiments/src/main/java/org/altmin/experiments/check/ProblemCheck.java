package org.altmin.experiments.check;

import com.google.inject.Injector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.altmin.api.ComponentSpec;
import org.altmin.api.Loss;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.api.RunSpec;
import org.altmin.api.Seeds;
import org.altmin.experiments.run.RunOptions;
import org.altmin.experiments.run.Runner;
import org.altmin.experiments.wiring.Assembly;
import org.altmin.solvers.dlam.ABacktrack;
import org.altmin.solvers.dlam.BExact;
import org.altmin.solvers.dlam.DlamConfig;
import org.altmin.solvers.dlam.DlamOptimizer;
import org.altmin.solvers.dlam.MdlamOptimizer;
import org.altmin.solvers.dlam.WBacktrack;
import org.altmin.solvers.dlam.ZClip;
import org.altmin.solvers.dlam.ZLProx;
import org.altmin.verification.checks.CoercivityCheck;
import org.altmin.verification.checks.LossChecks;
import org.altmin.verification.checks.Verdict;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code altmin check --config}: every component of a run spec (the activation, loss and regularizer with their
 * parameters; for DLAM and mDLAM each block part with the spec's components) and the assumptions of the composed
 * problem on the spec's data, at a feasible point (W random, {@code b = 0}, the forward pass
 * {@code z_l = W_l a_{l-1}}, {@code a_l = h(z_l)}):
 * <ul>
 *   <li>Assumption 1 of DLAM (arXiv:1811.04187), multi-coercivity: F coercive in each block with the others fixed,
 *       along rays ({@link CoercivityCheck}). In W_l, F is {@code Omega_l(W) + (rho/2) tr((W - W_l) G (W - W_l)^T)}
 *       with {@code G = a_{l-1} a_{l-1}^T} of the <em>whole</em> training set (exact at the forward-pass point,
 *       where the residual is 0), and the rays include the direction of G's smallest eigenvector: when G is
 *       singular (inputs that are 0 in every sample, fewer samples than inputs) the coupling is flat along it and F
 *       is coercive in W_l only if Omega_l is. In b_l, z_l, z_L and a_l the coupling (and the band constraint)
 *       decide; z_L, z_l and a_l are checked on the first {@link #SAMPLES} samples (F separates over samples).</li>
 *   <li>R bounded below on the data's own labels ({@link LossChecks#boundedBelow}; Property 1 needs it, and the
 *       coupling hides an R unbounded below from the coercivity of F in z_L).</li>
 * </ul>
 * rho is the optimizer's {@code rho} (DLAM's default without one); eps its {@code epsilon}.
 */
public final class ProblemCheck {
    /** Samples of the z and a blocks' checks and of R's lower-boundedness. */
    public static final int SAMPLES = 64;
    /** Random rays per block (besides G's smallest eigenvector for W). */
    public static final int RAYS = CoercivityCheck.RAYS;

    private ProblemCheck() {}

    /** Every check of {@code spec}, its data loaded from {@code dataDir} (fetched when allowed). */
    public static List<ComponentCheck.Labelled> run(RunSpec spec, Injector injector, Path dataDir, boolean fetch,
            long seed, Integer tries) {
        Assembly assembly = new Runner(RunOptions.builder(spec).dataDirectory(dataDir).fetch(fetch).log(m -> {}).build())
                .prepare();
        RunSpec resolved = assembly.resolved();
        Problem problem = assembly.problem();
        List<ComponentCheck.Labelled> out = new ArrayList<>();
        Loss loss = problem.loss();
        Regularizer omega = problem.regularizer(1);
        String act = "activation " + label(resolved.activation());
        if (problem.layers() > 1) {
            add(out, act, ComponentCheck.activation(problem.activation(1), Seeds.split(seed, "activation"), tries));
        }
        add(out, "loss " + label(resolved.loss()), ComponentCheck.loss(loss, Seeds.split(seed, "loss"), tries));
        add(out, "regularizer " + label(resolved.regularizer()), ComponentCheck.regularizer(omega,
                Seeds.split(seed, "regularizer"), tries));
        boolean dlamFamily = assembly.optimizer() instanceof DlamOptimizer || assembly.optimizer() instanceof MdlamOptimizer;
        if (dlamFamily && problem.layers() > 1) {
            Map<String, String> defaults = Map.of("W", WBacktrack.NAME, "b", BExact.NAME, "z", ZClip.NAME,
                    "zL", ZLProx.NAME, "a", ABacktrack.NAME);
            for (String role : ComponentCheck.blockRoles()) {
                ComponentSpec part = resolved.optimizer().parts().getOrDefault(role, ComponentSpec.of(defaults.get(role)));
                var result = ComponentCheck.block(injector, resolved.optimizer().name(), role, part, List.of(loss),
                        List.of(omega), List.of(problem.activation(1)), Seeds.split(seed, "block." + role), tries);
                add(out, result.label(), result.verdicts());
            }
        }
        if (dlamFamily) {
            out.addAll(composed(problem, resolved, seed, tries));
        } else {
            out.add(new ComponentCheck.Labelled("problem", Verdict.skip("assumption1.multiCoercivity", 0,
                    new org.altmin.verification.checks.Tolerance(0, 0), seed, "the optimizer "
                            + resolved.optimizer().name() + " does not minimize DLAM's F (Problem 2)")));
        }
        return out;
    }

    private static void add(List<ComponentCheck.Labelled> out, String component, List<Verdict> verdicts) {
        verdicts.forEach(v -> out.add(new ComponentCheck.Labelled(component, v)));
    }

    private static String label(ComponentSpec spec) {
        return spec.params().isEmpty() ? spec.name() : spec.name() + " " + spec.params();
    }

    /** Assumption 1 in every block and R bounded below, on the data at the forward-pass point. */
    static List<ComponentCheck.Labelled> composed(Problem problem, RunSpec resolved, long seed, Integer tries) {
        Object rhoParam = resolved.optimizer().params().get("rho");
        Object epsParam = resolved.optimizer().params().get("epsilon");
        double rho = rhoParam instanceof Number n ? n.doubleValue() : DlamConfig.DEFAULT_RHO;
        double eps = epsParam instanceof Number n ? n.doubleValue() : DlamConfig.DEFAULT_EPSILON;
        int layers = problem.layers();
        String where = "problem " + problem.network().widths() + " on " + resolved.data().name() + " ("
                + problem.data().samples() + " samples), rho " + rho + ", eps " + eps;
        List<ComponentCheck.Labelled> out = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(Seeds.split(seed, "problem.point"));
        INDArray x = problem.data().x();
        int cols = (int) Math.min(SAMPLES, x.columns());
        INDArray aPrev = x;
        INDArray aPrevSub = x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, cols)).castTo(DataType.DOUBLE);
        for (int l = 1; l <= layers; l++) {
            int n = problem.network().width(l);
            int m = problem.network().width(l - 1);
            INDArray w0 = gaussian(rng, n, m, 1.0 / Math.sqrt(m));
            Regularizer omega = problem.regularizer(l);
            // G = a_{l-1} a_{l-1}^T of the whole data set, in the data's dtype, then in double.
            INDArray gram = Nd4j.gemm(aPrev, aPrev, false, true).castTo(DataType.DOUBLE);
            double[][] g = gram.toDoubleMatrix();
            EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(g, false));
            double[] values = eigen.getRealEigenvalues();
            int smallest = 0;
            for (int i = 1; i < values.length; i++) {
                if (values[i] < values[smallest]) {
                    smallest = i;
                }
            }
            double[] v = eigen.getEigenvector(smallest).toArray();
            INDArray u = gaussian(rng, n, 1, 1.0);
            INDArray flat = u.mmul(Nd4j.createFromArray(v).reshape(1, m));
            final INDArray gramD = gram;
            ToDoubleFunction<INDArray> fW = w -> {
                INDArray d = w.sub(w0);
                return omega.value(w) + 0.5 * rho * d.mmul(gramD).mul(d).sumNumber().doubleValue();
            };
            Verdict vw = CoercivityCheck.alongRays("F in W_" + l, fW, w0, List.of(flat), Seeds.split(seed, "W" + l),
                    tries != null ? tries : RAYS);
            out.add(new ComponentCheck.Labelled(where, note(vw, "smallest eigenvalue of a_" + (l - 1) + " a_" + (l - 1)
                    + "^T: " + values[smallest] + " (largest " + max(values) + ")")));
            long samples = problem.data().samples();
            ToDoubleFunction<INDArray> fB = b -> 0.5 * rho * samples * Math.pow(b.norm2Number().doubleValue(), 2);
            out.add(new ComponentCheck.Labelled(where, CoercivityCheck.alongRays("F in b_" + l, fB,
                    Nd4j.zeros(DataType.DOUBLE, n, 1), List.of(), Seeds.split(seed, "b" + l), tries != null ? tries : RAYS)));
            // The forward pass on the checked columns (and on all of them for the next Gram matrix).
            INDArray zSub = w0.mmul(aPrevSub);
            if (l < layers) {
                QuasilinearActivation h = problem.activation(l);
                INDArray aSub = h.apply(zSub);
                INDArray lower = zSub.ulike();
                INDArray upper = zSub.ulike();
                h.preimageBounds(aSub, eps, lower, upper);
                ToDoubleFunction<INDArray> fZ = z -> inBox(z, lower, upper)
                        ? 0.5 * rho * Math.pow(z.sub(zSub).norm2Number().doubleValue(), 2) : Double.POSITIVE_INFINITY;
                out.add(new ComponentCheck.Labelled(where, CoercivityCheck.alongRays("F in z_" + l, fZ, zSub, List.of(),
                        Seeds.split(seed, "z" + l), tries != null ? tries : RAYS)));
                INDArray bandLo = aSub.sub(eps);
                INDArray bandHi = aSub.add(eps);
                int next = problem.network().width(l + 1);
                INDArray wNext = gaussian(new SplittableRandom(Seeds.split(seed, "W-next" + l)), next, n, 1.0 / Math.sqrt(n));
                INDArray target = wNext.mmul(aSub);
                ToDoubleFunction<INDArray> fA = a -> inBox(a, bandLo, bandHi)
                        ? 0.5 * rho * Math.pow(target.sub(wNext.mmul(a)).norm2Number().doubleValue(), 2)
                        : Double.POSITIVE_INFINITY;
                out.add(new ComponentCheck.Labelled(where, CoercivityCheck.alongRays("F in a_" + l, fA, aSub, List.of(),
                        Seeds.split(seed, "a" + l), tries != null ? tries : RAYS)));
                INDArray full = w0.castTo(aPrev.dataType()).mmul(aPrev);
                aPrev = h.apply(full);
                aPrevSub = aSub;
            } else {
                INDArray y = problem.data().y().get(NDArrayIndex.all(), NDArrayIndex.interval(0, cols)).castTo(DataType.DOUBLE);
                Loss loss = problem.loss();
                ToDoubleFunction<INDArray> fZL = z -> loss.value(z, y) + 0.5 * rho * Math.pow(z.sub(zSub).norm2Number().doubleValue(), 2);
                out.add(new ComponentCheck.Labelled(where, CoercivityCheck.alongRays("F in z_L", fZL, zSub, List.of(),
                        Seeds.split(seed, "zL"), tries != null ? tries : RAYS)));
                out.add(new ComponentCheck.Labelled(where, LossChecks.boundedBelow(loss, y, Seeds.split(seed, "R"),
                        tries != null ? tries : LossChecks.BOUNDED_BELOW_TRIES)));
            }
        }
        return out;
    }

    private static Verdict note(Verdict v, String text) {
        return v.failed()
                ? Verdict.fail(v.check(), v.tries(), v.tolerance(), v.seed(), v.detail() + " (" + text + ")",
                        v.counterexample().orElseThrow())
                : v.skipped() ? v : Verdict.pass(v.check(), v.tries(), v.tolerance(), v.seed(), v.detail() + " (" + text + ")");
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : values) {
            m = Math.max(m, d);
        }
        return m;
    }

    private static boolean inBox(INDArray x, INDArray lower, INDArray upper) {
        for (long i = 0; i < x.length(); i++) {
            double v = x.getDouble(i);
            if (v < lower.getDouble(i) || v > upper.getDouble(i)) {
                return false;
            }
        }
        return true;
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
}
