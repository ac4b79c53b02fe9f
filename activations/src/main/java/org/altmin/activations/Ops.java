package org.altmin.activations;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMax;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMin;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseDivision;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarReverseSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarSubtraction;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log1p;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Condition;

/**
 * Thin, allocation-free wrappers over the ND4J element-wise ops the activations use: every call is one pass
 * over the array, writing into a given output (which may be the input). Scalars are cast to the array's data
 * type by ND4J, so on FLOAT arrays every constant is rounded to float.
 *
 * <p>Conditional replacement ({@link #replaceWhere}) is the slowest op here (a generic condition per element,
 * about four plain passes in measurements); the hot bound computations avoid it where a cheap arithmetic form
 * exists.
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

    /** out <- (x < 0 ? slope * x : x); ND4J's LeakyReLU op, valid for any slope > 0. */
    static void leaky(INDArray x, double slope, INDArray out) {
        Nd4j.exec(new LeakyReLU(x, out, slope));
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

    /** out <- 1 - tanh(x)^2. */
    static void tanhDerivative(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.TanhDerivative(x, out));
    }

    /** out <- 1 / (1 + exp(-x)). */
    static void sigmoid(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out));
    }

    /** out <- sigmoid(x) (1 - sigmoid(x)). */
    static void sigmoidDerivative(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.SigmoidDerivative(x, out));
    }

    /** out <- min(max(x, -1), 1). */
    static void hardTanh(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.HardTanh(x, out));
    }

    /** out <- (|x| <= 1 ? 1 : 0), ND4J's HardTanhDerivative (1 at |x| = 1). */
    static void insideUnitInterval(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.gradient.HardTanhDerivative(x, out));
    }

    /** sum_i x_i y_i over all entries, any shape and strides (a reduction, no temporary). */
    static double dot(INDArray x, INDArray y) {
        return Nd4j.getExecutioner().exec(new Dot(x, y)).getDouble(0);
    }

    /** x <- value where condition(x), in place. */
    static void replaceWhere(INDArray x, double value, Condition condition) {
        Nd4j.exec(new CompareAndSet(x, value, condition));
    }

}
