package org.altmin.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Thin, allocation-free wrappers over the ND4J element-wise ops the activations use: every call is one pass
 * over the array, writing into a given output (which may be the input). Scalars are cast to the array's data
 * type by ND4J, so on FLOAT arrays every constant is rounded to float.
 *
 * <p>Costs differ a lot (best of 12 runs on a 100 x 60000 FLOAT array, one thread, loaded 2-core machine):
 * scalar arithmetic, Step, Abs, pairwise min/max/div and the min/max/sum reductions about 1.5-5 ms; ND4J's
 * conditional replacement (CompareAndSet) 11-60 ms, depending on the data; sigmoid, log1p and log about
 * 30-40 ms; ND4J's tanh, TanhDerivative and LeakyReLU about 100 ms; ATanh slower still. Hence the infinities
 * by arithmetic ({@link #minusInfinityUnlessAbove}), leaky ReLU as {@code max(z, alpha z)}, tanh' as
 * {@code 4 sigmoid'(2z)}, and atanh through log1p.
 */
final class Ops {
    private Ops() {}

    /** out <- x + c. */
    static void add(INDArray x, double c, INDArray out) {
        Nd4j.exec(new ScalarAdd(x, null, out, c));
    }

    /** out <- x - c. */
    static void sub(INDArray x, double c, INDArray out) {
        Nd4j.exec(new ScalarSubtraction(x, null, out, c));
    }

    /** out <- c - x. */
    static void rsub(double c, INDArray x, INDArray out) {
        Nd4j.exec(new ScalarReverseSubtraction(x, null, out, c));
    }

    /** out <- c / x. */
    static void rdiv(double c, INDArray x, INDArray out) {
        Nd4j.exec(new ScalarReverseDivision(x, null, out, c));
    }

    /** out <- c * x. */
    static void mul(INDArray x, double c, INDArray out) {
        Nd4j.exec(new ScalarMultiplication(x, null, out, c));
    }

    /** out <- x / c. */
    static void div(INDArray x, double c, INDArray out) {
        Nd4j.exec(new ScalarDivision(x, null, out, c));
    }

    /** out <- max(x, y), elementwise. */
    static void max(INDArray x, INDArray y, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.Max(x, y, out));
    }

    /** out <- min(x, y), elementwise. */
    static void min(INDArray x, INDArray y, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.custom.Min(x, y, out));
    }

    /** out <- max(x, c). */
    static void max(INDArray x, double c, INDArray out) {
        Nd4j.exec(new ScalarMax(x, null, out, c));
    }

    /** out <- min(x, c). */
    static void min(INDArray x, double c, INDArray out) {
        Nd4j.exec(new ScalarMin(x, null, out, c));
    }

    /** out <- (x > cutoff ? 1 : 0); ND4J's Step op (strict comparison). */
    static void greaterThan(INDArray x, double cutoff, INDArray out) {
        Nd4j.exec(new Step(x, out, cutoff));
    }

    /** out <- |x|. */
    static void abs(INDArray x, INDArray out) {
        Nd4j.exec(new Abs(x, out));
    }

    /** out <- x / y, elementwise. */
    static void div(INDArray x, INDArray y, INDArray out) {
        Nd4j.exec(new DivOp(x, y, out));
    }

    /** out <- log(x). */
    static void log(INDArray x, INDArray out) {
        Nd4j.exec(new Log(x, out));
    }

    /** out <- log(1 + x). */
    static void log1p(INDArray x, INDArray out) {
        Nd4j.exec(new Log1p(x, out));
    }

    /** out <- tanh(x). */
    static void tanh(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh(x, out));
    }

    /** out <- 1 / (1 + exp(-x)). */
    static void sigmoid(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out));
    }

    /** out <- sigmoid(x) (1 - sigmoid(x)); the deprecated legacy op is the one-pass transform (no gradient input). */
    @SuppressWarnings("deprecation")
    static void sigmoidDerivative(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.SigmoidDerivative(x, out));
    }

    /** out <- min(max(x, -1), 1). */
    static void hardTanh(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.HardTanh(x, out));
    }

    /** out <- (|x| <= 1 ? 1 : 0), ND4J's legacy HardTanhDerivative transform (1 at |x| = 1). */
    @SuppressWarnings("deprecation")
    static void insideUnitInterval(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.gradient.HardTanhDerivative(x, out));
    }

    /** sum_i x_i y_i over all entries, any shape and strides (a reduction, no temporary). */
    static double dot(INDArray x, INDArray y) {
        return Nd4j.getExecutioner().exec(new Dot(x, y)).getDouble(0);
    }

    /** out <- x + y, elementwise. */
    static void add(INDArray x, INDArray y, INDArray out) {
        Nd4j.exec(new AddOp(x, y, out));
    }

    /**
     * y <- (y > threshold ? y : -inf), in place, by arithmetic instead of a conditional replacement (about five
     * times faster): with {@code s = [y > threshold]} in {0, 1}, {@code 1 - 1/s} is 0 or -inf, added to y.
     */
    static void minusInfinityUnlessAbove(INDArray y, double threshold, INDArray scratch) {
        greaterThan(y, threshold, scratch);
        rdiv(1.0, scratch, scratch);
        rsub(1.0, scratch, scratch);
        add(y, scratch, y);
    }

    /**
     * y <- (y > threshold ? +inf : y), in place, likewise: with {@code s = [y > threshold]},
     * {@code 1 / (1 - s) - 1} is 0 or +inf, added to y.
     */
    static void plusInfinityIfAbove(INDArray y, double threshold, INDArray scratch) {
        greaterThan(y, threshold, scratch);
        rsub(1.0, scratch, scratch);
        rdiv(1.0, scratch, scratch);
        sub(scratch, 1.0, scratch);
        add(y, scratch, y);
    }

}
