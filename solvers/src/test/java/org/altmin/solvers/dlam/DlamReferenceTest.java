package org.altmin.solvers.dlam;

import static org.assertj.core.api.Assertions.assertThat;

import org.altmin.api.Problem;
import org.altmin.api.State;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ND4J implementation agrees with a plain-Java (double[][]) transcription of Algorithm 1 — Algorithm 2,
 * equations 2-5 and Algorithm 3, with no cache and no shortcuts — on a 3-4-2 network, N = 5, square loss, ReLU,
 * Omega = 0, over three iterations.
 */
class DlamReferenceTest {
    @Test
    void matchesPlainJavaIterations() {
        Problem problem = Doubles.problem(DataType.DOUBLE, 5, Doubles.SQUARE, Doubles.NONE, Doubles.RELU, 21, 3, 4, 2);
        DlamConfig config = DlamConfig.defaults().withFixedEpsilon().withRhoEpsilon(0.8, 0.05).withBacktracking(0.3, 2.0, 0.2, 3.0, 60, false);
        DlamSession ctx = new DlamSession(problem, config);
        ctx.start();
        Reference ref = new Reference(ctx.state(), problem.data().y(), config);
        for (int k = 1; k <= 3; k++) {
            ctx.beginIteration(k);
            Support.sweep(ctx, DlamBlocks.defaults());
            ref.iterate();
            State s = ctx.state();
            for (int l = 1; l <= 2; l++) {
                assertClose(s.w(l), ref.w[l], "W_" + l + " at " + k);
                assertClose(s.b(l), ref.b[l], "b_" + l + " at " + k);
                assertClose(s.z(l), ref.z[l], "z_" + l + " at " + k);
            }
            assertClose(s.a(1), ref.a[1], "a_1 at " + k);
        }
        assertThat(ref.moved).as("the reference took nonzero steps").isTrue();
    }

    static void assertClose(INDArray actual, double[][] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual.getDouble(i, j)).as(what + "[" + i + "][" + j + "]").isCloseTo(expected[i][j],
                        org.assertj.core.api.Assertions.within(1e-10));
            }
        }
    }

    /** Algorithm 1 on double[][] (L = 2, ReLU, square loss, no regularizer). */
    static final class Reference {
        final double[][][] w = new double[3][][];
        final double[][][] b = new double[3][][];
        final double[][][] z = new double[3][][];
        final double[][][] a = new double[2][][];
        final double[][] y;
        final double rho, eps, nu, gamma, mu, eta;
        boolean moved;

        Reference(State s, INDArray y, DlamConfig c) {
            for (int l = 1; l <= 2; l++) {
                w[l] = s.w(l).toDoubleMatrix();
                b[l] = s.b(l).toDoubleMatrix();
                z[l] = s.z(l).toDoubleMatrix();
            }
            a[0] = s.a(0).toDoubleMatrix();
            a[1] = s.a(1).toDoubleMatrix();
            this.y = y.toDoubleMatrix();
            rho = c.rho();
            eps = c.epsilon();
            nu = c.nu();
            gamma = c.gamma();
            mu = c.mu();
            eta = c.eta();
        }

        void iterate() {
            for (int l = 1; l <= 2; l++) {
                double[][] in = a[l - 1];
                // Algorithm 2: grad = rho (W a + b - z) a^T; zeta = W - grad/theta (Omega = 0).
                double[][] r = sub(z[l], addCol(mul(w[l], in), b[l]));
                double[][] grad = scale(mul(r, transpose(in)), -rho);
                double theta = nu;
                while (true) {
                    double[][] zeta = sub(w[l], scale(grad, 1 / theta));
                    double phiZeta = phi(z[l], zeta, in, b[l]);
                    double[][] d = sub(zeta, w[l]);
                    double model = phi(z[l], w[l], in, b[l]) + dot(grad, d) + theta / 2 * dot(d, d);
                    if (phiZeta <= model + 1e-12) {
                        moved |= dot(d, d) > 0;
                        w[l] = zeta;
                        break;
                    }
                    theta *= gamma;
                }
                // Equations 2-3, exactly: b = mean over samples of (z - W a).
                double[][] wa = mul(w[l], in);
                for (int i = 0; i < b[l].length; i++) {
                    double sum = 0;
                    for (int j = 0; j < wa[i].length; j++) {
                        sum += z[l][i][j] - wa[i][j];
                    }
                    b[l][i][0] = sum / wa[i].length;
                }
                double[][] u = addCol(wa, b[l]);
                if (l == 1) {
                    // Equation 4 with ReLU's preimage of [a - eps, a + eps].
                    for (int i = 0; i < u.length; i++) {
                        for (int j = 0; j < u[i].length; j++) {
                            double ai = a[1][i][j];
                            double lo = ai - eps <= 0 ? Double.NEGATIVE_INFINITY : ai - eps;
                            z[1][i][j] = Math.min(Math.max(lo, u[i][j]), ai + eps);
                        }
                    }
                    // Algorithm 3 for a_1 against layer 2's iteration-k values.
                    double[][] rn = sub(addCol(mul(w[2], a[1]), b[2]), z[2]);
                    double[][] ga = scale(mul(transpose(w[2]), rn), rho);
                    double t = mu;
                    while (true) {
                        double[][] beta = new double[a[1].length][a[1][0].length];
                        for (int i = 0; i < beta.length; i++) {
                            for (int j = 0; j < beta[i].length; j++) {
                                double h = Math.max(0, z[1][i][j]);
                                beta[i][j] = Math.min(Math.max(a[1][i][j] - ga[i][j] / t, h - eps), h + eps);
                            }
                        }
                        double[][] d = sub(beta, a[1]);
                        double model = phi(z[2], w[2], a[1], b[2]) + dot(ga, d) + t / 2 * dot(d, d);
                        if (phi(z[2], w[2], beta, b[2]) <= model + 1e-12) {
                            a[1] = beta;
                            break;
                        }
                        t *= eta;
                    }
                } else {
                    // Equation 5 for R = (1/2)||z - y||^2: z = (rho u + y) / (1 + rho).
                    for (int i = 0; i < u.length; i++) {
                        for (int j = 0; j < u[i].length; j++) {
                            z[2][i][j] = (rho * u[i][j] + y[i][j]) / (1 + rho);
                        }
                    }
                }
            }
        }

        double phi(double[][] zl, double[][] wl, double[][] in, double[][] bl) {
            double[][] r = sub(zl, addCol(mul(wl, in), bl));
            return rho / 2 * dot(r, r);
        }

        static double[][] mul(double[][] p, double[][] q) {
            double[][] out = new double[p.length][q[0].length];
            for (int i = 0; i < p.length; i++) {
                for (int k = 0; k < q.length; k++) {
                    for (int j = 0; j < q[0].length; j++) {
                        out[i][j] += p[i][k] * q[k][j];
                    }
                }
            }
            return out;
        }

        static double[][] transpose(double[][] p) {
            double[][] out = new double[p[0].length][p.length];
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[0].length; j++) {
                    out[j][i] = p[i][j];
                }
            }
            return out;
        }

        static double[][] sub(double[][] p, double[][] q) {
            double[][] out = new double[p.length][p[0].length];
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[0].length; j++) {
                    out[i][j] = p[i][j] - q[i][j];
                }
            }
            return out;
        }

        static double[][] scale(double[][] p, double s) {
            double[][] out = new double[p.length][p[0].length];
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[0].length; j++) {
                    out[i][j] = p[i][j] * s;
                }
            }
            return out;
        }

        static double[][] addCol(double[][] p, double[][] col) {
            double[][] out = new double[p.length][p[0].length];
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[0].length; j++) {
                    out[i][j] = p[i][j] + col[i][0];
                }
            }
            return out;
        }

        static double dot(double[][] p, double[][] q) {
            double s = 0;
            for (int i = 0; i < p.length; i++) {
                for (int j = 0; j < p[0].length; j++) {
                    s += p[i][j] * q[i][j];
                }
            }
            return s;
        }
    }
}
