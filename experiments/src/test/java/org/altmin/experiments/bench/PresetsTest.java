package org.altmin.experiments.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.altmin.api.Params;
import org.altmin.api.RunSpec;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.solvers.dlam.DlamConfig;
import org.junit.jupiter.api.Test;

/** The tuned MNIST presets resolve to valid DLAM configs, and the benchmark measures the one it says it does. */
class PresetsTest {
    private static DlamConfig config(String file) {
        RunSpec spec = RunSpecIo.read(Path.of("examples", file));
        Params params = new Params("dlam", spec.optimizer());
        DlamConfig config = DlamConfig.fromParams(params);
        params.checkAllUsed();
        return config;
    }

    @Test
    void theBenchmarkScheduleIsThePresetOfTheHundredWideNetwork() {
        DlamConfig preset = config("dlam-mnist.yaml");
        DlamConfig bench = BenchProblems.dlamConfig(BenchProblems.SCHEDULE, DlamConfig.DEFAULT_WARM_START);
        assertThat(bench).isEqualTo(preset);
        assertThat(RunSpecIo.read(Path.of("examples", "dlam-mnist.yaml")).hiddenWidths()).containsExactly(100, 100);
    }

    @Test
    void bothPresetsShrinkEpsToTheirFloorWithinTheirIterations() {
        for (String file : new String[] {"dlam-mnist.yaml", "dlam-mnist-10.yaml"}) {
            DlamConfig c = config(file);
            int iterations = RunSpecIo.read(Path.of("examples", file)).iterations();
            assertThat(c.epsilonDecay()).as(file).isLessThan(1);
            // the band binds ever tighter during the run, and is at its floor before the end
            assertThat(c.epsilonAt(iterations)).as(file).isEqualTo(c.epsilonFloor());
            assertThat(c.epsilonAt(2)).as(file).isLessThan(c.epsilonAt(1));
        }
        assertThat(RunSpecIo.read(Path.of("examples", "dlam-mnist-10.yaml")).hiddenWidths()).containsExactly(10, 10);
    }
}
