package org.altmin.experiments.wiring;

import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.RunSpec;
import org.altmin.experiments.data.LoadedData;

/**
 * A run ready to start: the components built from a {@link RunSpec}, the loaded data, and the fully resolved
 * spec (every component's parameters with their defaults, the actual data sizes) that the run directory records.
 */
public record Assembly(RunSpec resolved, Problem problem, Optimizer optimizer, LoadedData data) {}
