package org.example.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Key;
import java.util.ArrayList;
import java.util.List;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.IterationReport;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.Registries;
import org.altmin.api.TrainingResult;
import org.altmin.losses.L2Regularizer;
import org.altmin.losses.NoRegularizer;
import org.altmin.losses.SquareLoss;
import org.altmin.activations.Tanh;
import org.altmin.solvers.dlam.DlamModule;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** A block from outside altmin's packages, registered by its own module, serves DLAM and mDLAM by name. */
class OutsideBlockTest {
    static Problem problem(org.altmin.api.Regularizer omega) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int n = 25;
        double[] x = new double[4 * n];
        double[] y = new double[3 * n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < 4; i++) {
                x[i * n + j] = random.nextGaussian();
            }
            y[(j % 3) * n + j] = 1;
        }
        var data = new org.altmin.api.TrainingData(Nd4j.create(x, new long[] {4, n}, DataType.DOUBLE),
                Nd4j.create(y, new long[] {3, n}, DataType.DOUBLE), null, null);
        return Problem.uniform(org.altmin.api.NetworkSpec.of(4, 5, 3), data, new SquareLoss(), omega, new Tanh(), 3);
    }

    static Optimizer resolve(String optimizer) {
        var injector = Guice.createInjector(new DlamModule(), new LineSearchModule());
        ComponentSpec spec = ComponentSpec.of(optimizer, java.util.Map.of("epsilon", 0.5, "epsilonDecay", 0.8,
                "epsilonFloor", 0.01, "rho", 0.5)).withPart("W", ComponentSpec.of(LineSearchW.NAME));
        return Registries.resolve("optimizer", injector.getInstance(Key.get(Registries.OPTIMIZER_MAP)), spec).component();
    }

    @Test
    void servesDlamAndMdlamAndDescendsByItsReportedModulus() {
        for (String name : List.of("dlam", "mdlam")) {
            Optimizer optimizer = resolve(name);
            List<IterationReport> reports = new ArrayList<>();
            TrainingResult result = optimizer.fit(problem(new NoRegularizer()), 30, (r, s) -> reports.add(r));
            assertThat(result.status()).as(name + ": " + result.diagnosis()).isEqualTo(TrainingResult.Status.MAX_ITERATIONS);
            // One exact step per call; mDLAM runs it from x^k and from the extrapolated point.
            assertThat(reports.get(30).block("W", 1).orElseThrow().trials()).isEqualTo(name.equals("mdlam") ? 2 : 1);
            assertThat(reports.get(30).trainLoss()).isLessThan(reports.get(0).trainLoss());
            // Once eps is fixed (from the iteration the theory names), F^k - F^{k+1} >= sum (modulus/2)||step||^2,
            // the W block's included.
            int from = optimizer.theory().claim(org.altmin.api.Property.SUFFICIENT_DESCENT).orElseThrow().fromIteration();
            assertThat(from).isEqualTo(20);
            for (int k = from; k <= 30; k++) {
                double decrease = reports.get(k - 1).objective() - reports.get(k).objective();
                assertThat(decrease).as("%s at %d", name, k)
                        .isGreaterThanOrEqualTo(reports.get(k).descentBound() - 1e-10 * Math.abs(reports.get(k).objective()));
            }
        }
    }

    @Test
    void itsPrepareRejectsARegularizerBeforeTheRun() {
        assertThatThrownBy(() -> resolve("dlam").fit(problem(new L2Regularizer(0.1)), 3, null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("w-line-search.regularizer");
    }
}
