package org.altmin.solvers.dlam;

import java.util.ArrayList;
import java.util.List;
import org.altmin.api.BlockStep;
import org.altmin.api.IterationReport;
import org.altmin.api.BlockReport;
import org.altmin.api.Problem;
import org.altmin.api.State;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Independent computations for the tests: F from scratch (fresh products, no cache) and sweeps by hand. */
final class Support {
    private Support() {}

    /** F of Problem 2 computed from scratch; +inf when a band constraint is violated beyond {@code slack}. */
    static double objective(Problem p, State s, double rho, double eps, double slack) {
        int layers = p.layers();
        double f = p.loss().value(s.z(layers), p.data().y());
        for (int l = 1; l <= layers; l++) {
            f += p.regularizer(l).value(s.w(l));
            INDArray r = s.z(l).sub(Nd4j.gemm(s.w(l), s.a(l - 1), false, false)).subiColumnVector(s.b(l));
            double n = r.norm2Number().doubleValue();
            f += 0.5 * rho * n * n;
            if (l < layers) {
                double dev = p.activation(l).apply(s.z(l)).subi(s.a(l)).amaxNumber().doubleValue();
                if (dev > eps + slack) {
                    return Double.POSITIVE_INFINITY;
                }
            }
        }
        return f;
    }

    static double objective(DlamContext ctx) {
        return objective(ctx.problem(), ctx.state(), ctx.rho(), ctx.epsilon(), 1e-12);
    }

    /** One full sweep of Algorithm 1 with the given blocks. */
    static void sweep(DlamContext ctx, DlamBlocks blocks) {
        for (int l = 1; l <= ctx.layers(); l++) {
            blocks.w().update(ctx, l);
            blocks.b().update(ctx, l);
            (l < ctx.layers() ? blocks.z() : blocks.zL()).update(ctx, l);
            if (l < ctx.layers()) {
                blocks.a().update(ctx, l);
            }
        }
    }

    /** A started context moved {@code sweeps} sweeps away from the start, so that every residual is nonzero. */
    static DlamSession moved(Problem problem, DlamConfig config, int sweeps) {
        DlamSession ctx = new DlamSession(problem, config);
        ctx.start();
        ctx.beginIteration(1);
        for (int i = 0; i < sweeps; i++) {
            sweep(ctx, DlamBlocks.defaults());
        }
        return ctx;
    }

    /** Property 2's right-hand side: sum over blocks of (parameter / 2) * squared step. */
    static double descentBound(IterationReport record) {
        double sum = 0;
        for (BlockReport b : record.blocks()) {
            if (b.stepSquared() > 0) {
                sum += 0.5 * b.modulus() * b.stepSquared();
            }
        }
        return sum;
    }

    static List<IterationReport> run(DlamOptimizer optimizer, Problem problem, int iterations) {
        List<IterationReport> records = new ArrayList<>();
        optimizer.fit(problem, iterations, (r, s) -> records.add(r));
        return records;
    }
}
