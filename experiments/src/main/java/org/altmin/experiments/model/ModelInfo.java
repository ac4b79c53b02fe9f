package org.altmin.experiments.model;

import java.util.List;
import org.altmin.api.ComponentSpec;

/**
 * What {@code model.json} holds next to {@code model.npz}: enough to rebuild the forward pass through the component
 * registries, and to tell which run produced the weights.
 *
 * @param format        always {@value Model#FORMAT}
 * @param formatVersion the file format's version, {@value Model#FORMAT_VERSION}
 * @param widths        {@code n_0, n_1, ..., n_L}: W_l is {@code n_l x n_{l-1}}, b_l is {@code n_l x 1}
 * @param dtype         {@code FLOAT} ({@code <f4} in the .npz) or {@code DOUBLE} ({@code <f8})
 * @param activation    the hidden activation h, resolved (name and every parameter, typed)
 * @param loss          the risk R, resolved, for {@link Model#evaluate}
 * @param regularizer   the run's regularizer Omega, resolved (a record of the run; the forward pass does not use it)
 * @param classes       the label of each output row, in order
 * @param modules       the extra Guice modules the run named (plug-ins that may register the components)
 * @param specSha256    SHA-256 (hex) of the run's {@code spec.yaml} bytes; null for a model saved outside a run
 * @param optimizer     the optimizer's name
 * @param iterations    iterations (or epochs) the run completed
 * @param status        why the run ended (MAX_ITERATIONS, CONVERGED, STOPPED, DIVERGED)
 */
public record ModelInfo(String format, int formatVersion, List<Integer> widths, String dtype,
        ComponentSpec activation, ComponentSpec loss, ComponentSpec regularizer, List<String> classes,
        List<String> modules, String specSha256, String optimizer, int iterations, String status) {
    public ModelInfo {
        widths = widths == null ? null : List.copyOf(widths);
        classes = classes == null ? List.of() : List.copyOf(classes);
        modules = modules == null ? List.of() : List.copyOf(modules);
    }
}
