package org.example.check;

import com.google.inject.AbstractModule;
import org.altmin.api.BlockStep;
import org.altmin.api.BlockUpdate;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.ProxReport;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.solvers.dlam.DlamBlocks;
import org.altmin.solvers.dlam.DlamContext;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A researcher's components for {@code altmin check --module org.example.check.CheckPluginModule}: a correct
 * softsign activation, a linear loss (convex, but unbounded below), and a W block whose acceptance test is loose by
 * a factor 1.5.
 */
public final class CheckPluginModule extends AbstractModule {
    @Override
    protected void configure() {
        Registries.activations(binder()).addBinding("test-softsign").toInstance(p -> new Softsign());
        Registries.losses(binder()).addBinding("test-linear").toInstance(p -> new Linear());
        DlamBlocks.registry(binder(), "W").addBinding("test-loose-w").toInstance(p -> new LooseW());
    }

    /** {@code h(z) = z / (1 + |z|)}, range (-1, 1); preimage of v is {@code v / (1 - |v|)}. */
    static final class Softsign implements QuasilinearActivation {
        public double apply(double z) {
            return z / (1 + Math.abs(z));
        }

        public double derivative(double z) {
            double d = 1 + Math.abs(z);
            return 1 / (d * d);
        }

        public double lowerBound(double a, double eps) {
            double v = a - eps;
            if (v >= 1 || a + eps <= -1) {
                throw new InvalidParameterException("test-softsign", "a", "empty preimage: [a - eps, a + eps] misses (-1, 1), a = " + a);
            }
            return v <= -1 ? Double.NEGATIVE_INFINITY : v / (1 - Math.abs(v));
        }

        public double upperBound(double a, double eps) {
            double v = a + eps;
            if (v <= -1 || a - eps >= 1) {
                throw new InvalidParameterException("test-softsign", "a", "empty preimage: [a - eps, a + eps] misses (-1, 1), a = " + a);
            }
            return v >= 1 ? Double.POSITIVE_INFINITY : v / (1 - Math.abs(v));
        }

        public String toString() {
            return "test-softsign";
        }
    }

    /** {@code R(z; y) = -<y, z>}: convex with an exact prox, but unbounded below. */
    static final class Linear implements Loss {
        public double value(INDArray z, INDArray y) {
            return -z.mul(y).sumNumber().doubleValue();
        }

        public void gradient(INDArray z, INDArray y, INDArray out) {
            out.assign(y.neg());
        }

        public ProxReport prox(INDArray v, INDArray y, double rho, INDArray out) {
            if (!(rho > 0) || !Double.isFinite(rho)) {
                throw InvalidParameterException.of("test-linear", "rho", rho, "> 0 and finite");
            }
            out.assign(v.add(y.div(rho)));
            return ProxReport.EXACT;
        }

        public boolean isSmooth() {
            return true;
        }

        public String toString() {
            return "test-linear";
        }
    }

    /** DLAM's Algorithm 2 accepting theta when {@code rho ||D a||^2 <= 1.5 theta ||D||^2}. */
    static final class LooseW implements BlockUpdate<DlamContext> {
        public BlockStep update(DlamContext ctx, int l) {
            INDArray w = ctx.state().w(l);
            INDArray a = ctx.state().a(l - 1);
            double rho = ctx.rho();
            INDArray r = ctx.state().z(l).sub(ctx.wa(l)).subiColumnVector(ctx.state().b(l));
            INDArray grad = r.mmul(a.transpose()).muli(-rho);
            double theta = ctx.initialTheta(l);
            for (int trial = 1; trial <= ctx.config().maxBacktracks(); trial++) {
                INDArray zeta = ctx.problem().regularizer(l).prox(w.sub(grad.div(theta)), theta);
                INDArray d = zeta.sub(w);
                double dSq = Math.pow(d.norm2Number().doubleValue(), 2);
                INDArray da = d.mmul(a);
                if (rho * Math.pow(da.norm2Number().doubleValue(), 2) <= 1.5 * theta * dSq) {
                    w.assign(zeta);
                    ctx.wa(l).addi(da);
                    return new BlockStep(dSq, trial, theta, false, 0L);
                }
                theta *= ctx.config().gamma();
            }
            return new BlockStep(0.0, ctx.config().maxBacktracks(), theta, true, 0L);
        }
    }
}
