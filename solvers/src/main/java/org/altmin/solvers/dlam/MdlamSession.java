package org.altmin.solvers.dlam;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.altmin.api.BlockReport;
import org.altmin.api.ObjectiveModel;
import org.altmin.api.State;
import org.altmin.solvers.core.Measurement;
import org.altmin.solvers.core.Resumable;
import org.altmin.solvers.core.Session;
import org.altmin.solvers.core.Snapshot;
import org.altmin.solvers.core.Sweep;

/** An mDLAM run: a {@link DlamSession} whose sweep extrapolates, plus the Nesterov sequence and its diagnostics. */
final class MdlamSession implements Session, Resumable {
    private final DlamSession dlam;
    private final Extrapolation momentum;

    MdlamSession(DlamSession dlam, Extrapolation momentum) {
        this.dlam = dlam;
        this.momentum = momentum;
    }

    @Override
    public State state() {
        return dlam.state();
    }

    @Override
    public List<BlockReport> layout() {
        return dlam.layout();
    }

    @Override
    public Sweep iterate(int k) {
        momentum.begin(k);
        return dlam.iterate(k);
    }

    /** DLAM's measurement plus {@code extrapolation_weight}, {@code restarts} and {@code restarts_total} (0 at k = 0). */
    @Override
    public Measurement measure(int k) {
        Measurement m = dlam.measure(k);
        Map<String, Double> diagnostics = new LinkedHashMap<>(m.diagnostics());
        diagnostics.put("extrapolation_weight", k == 0 ? 0.0 : momentum.weight());
        diagnostics.put("restarts", k == 0 ? 0.0 : momentum.restarts());
        diagnostics.put("restarts_total", (double) momentum.restartsTotal());
        return new Measurement(m.objective(), m.terms(), diagnostics, m.problem());
    }

    @Override
    public Optional<ObjectiveModel> model() {
        return dlam.model();
    }

    /**
     * DLAM's state (which includes the extrapolated blocks' previous iterates x^{k-1}, {@code block.*}) and the
     * Nesterov sequence ({@code mdlam.t}, {@code mdlam.weight}, {@code mdlam.restarts}, {@code mdlam.restarts_total}).
     */
    @Override
    public void save(Snapshot out) {
        dlam.save(out);
        momentum.save(out.within("mdlam"));
    }

    @Override
    public void restore(Snapshot in) {
        dlam.restore(in);
        momentum.restore(in.within("mdlam"));
    }

    /** The DLAM session underneath (for benchmarks and tests). */
    DlamSession dlam() {
        return dlam;
    }

    @Override
    public java.util.Optional<org.nd4j.linalg.api.ndarray.INDArray> inputProduct() {
        return dlam.inputProduct();
    }
}
