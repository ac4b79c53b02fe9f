package org.altmin.losses;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class OpsProbeBench {
    @Test
    void probe() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
        INDArray y = Nd4j.createFromArray(new double[][] {{10, 20}, {30, 40}});
        Nd4j.exec(new Axpy(x, y, y, 2.0));
        System.out.println("axpy 2x+y: " + y);
        INDArray row = Nd4j.create(DataType.DOUBLE, 1, 2);
        Columns.max(x, row);
        System.out.println("colmax " + row);
        Columns.norm2(x, row);
        System.out.println("colnorm " + row);
        for (char order : new char[] {'c', 'f'}) {
            INDArray z = Nd4j.rand(DataType.FLOAT, order, 10, 60000);
            INDArray out = Nd4j.create(DataType.FLOAT, 10, 60000);
            INDArray r1 = Nd4j.create(DataType.FLOAT, 1, 60000);
            INDArray r2 = Nd4j.create(DataType.FLOAT, 1, 60000);
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < 50; i++) Columns.max(z, r1);
                long t1 = System.nanoTime();
                for (int i = 0; i < 50; i++) Columns.softmax(z, out, r1, r2);
                long t2 = System.nanoTime();
                for (int i = 0; i < 50; i++) out.subiRowVector(r1);
                long t3 = System.nanoTime();
                for (int i = 0; i < 50; i++) Transforms.exp(out.assign(z), false);
                long t4 = System.nanoTime();
                for (int i = 0; i < 50; i++) Nd4j.exec(new Axpy(z, out, out, 0.5));
                long t5 = System.nanoTime();
                for (int i = 0; i < 50; i++) Columns.norm2(z, r1);
                long t6 = System.nanoTime();
                System.out.printf("%c: max %.3f ms softmax %.3f subRow %.3f assign+exp %.3f axpy %.3f norm2 %.3f%n", order,
                        (t1 - t0) / 50e6, (t2 - t1) / 50e6, (t3 - t2) / 50e6, (t4 - t3) / 50e6, (t5 - t4) / 50e6, (t6 - t5) / 50e6);
            }
        }
    }
}
