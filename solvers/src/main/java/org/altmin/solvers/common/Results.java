package org.altmin.solvers.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.altmin.api.IterationListener;
import org.altmin.api.IterationReport;
import org.altmin.api.TrainingResult;
import org.nd4j.linalg.api.ndarray.INDArray;

/** How every shipped optimizer ends a run, whatever its status. */
public final class Results {
    private Results() {}

    /**
     * The result with copies of the live weights and biases (the optimizer's buffers may be reused), handed to
     * {@code out.onEnd} before it is returned.
     */
    public static TrainingResult finish(IterationListener out, List<INDArray> weights, List<INDArray> biases,
            TrainingResult.Status status, String diagnosis, int iterations, IterationReport last) {
        List<INDArray> w = new ArrayList<>(weights.size());
        List<INDArray> b = new ArrayList<>(biases.size());
        for (int l = 0; l < weights.size(); l++) {
            w.add(weights.get(l).dup());
            b.add(biases.get(l).dup());
        }
        TrainingResult result = new TrainingResult(status, diagnosis, iterations, w, b, Optional.ofNullable(last));
        out.onEnd(result);
        return result;
    }
}
