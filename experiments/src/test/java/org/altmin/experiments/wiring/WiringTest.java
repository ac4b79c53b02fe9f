package org.altmin.experiments.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import com.google.inject.Key;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Registries;
import org.altmin.api.RunSpec;
import org.altmin.experiments.data.DataSets;
import org.altmin.experiments.data.LoadContext;
import org.example.plugin.GradientDescent;
import org.example.plugin.Identity;
import org.example.plugin.ServiceLoadedModule;
import org.example.plugin.SoftmaxCrossEntropy;
import org.example.plugin.SquaredNorm;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class WiringTest {
    private static final String PLUGIN = "org.example.plugin.PluginModule";

    private static RunSpec spec(List<Integer> hidden, String optimizer) {
        return new RunSpec(ComponentSpec.of(optimizer), ComponentSpec.of(SoftmaxCrossEntropy.NAME),
                ComponentSpec.of(SquaredNorm.NAME), ComponentSpec.of(Identity.NAME), hidden,
                new DataSpec("synthetic", 50, 20, null, Map.of("features", "6", "classes", "4")), 5, 3L, "DOUBLE",
                List.of(PLUGIN));
    }

    @Test
    void serviceLoaderModulesAndNamedModulesAreInstalled() {
        Injector injector = Wiring.injector(List.of(PLUGIN));

        assertThat(injector.getInstance(Key.get(Registries.ACTIVATION_MAP)))
                .containsKeys(ServiceLoadedModule.ACTIVATION, Identity.NAME);
        assertThat(injector.getInstance(Key.get(DataSets.MAP)))
                .containsKeys("mnist", "fashion-mnist", "csv", "synthetic");
    }

    @Test
    void aModuleNamedTwiceIsInstalledOnce() {
        Injector injector = Wiring.injector(List.of(PLUGIN, PLUGIN, "org.example.plugin.ServiceLoadedModule"));
        assertThat(injector.getInstance(Key.get(Registries.OPTIMIZER_MAP))).containsKey(GradientDescent.NAME);
    }

    @Test
    void aMissingOrWrongModuleClassIsAClearError() {
        assertThatThrownBy(() -> Wiring.injector(List.of("com.example.Nope")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("RunSpec.modules must be the name of a class")
                .hasMessageContaining("com.example.Nope");
        assertThatThrownBy(() -> Wiring.injector(List.of("java.lang.String")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("a class implementing com.google.inject.Module")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void assemblesProblemAndResolvedSpecFromTheData() {
        RunSpec spec = spec(List.of(7), GradientDescent.NAME);
        Injector injector = Wiring.injector(spec.modules());

        Assembly assembly = Wiring.assemble(spec, injector, new LoadContext(DataType.DOUBLE, 3L, Path.of("."), null, null));

        assertThat(assembly.problem().network().widths()).containsExactly(6, 7, 4);
        assertThat(assembly.problem().regularizers()).hasSize(2);
        assertThat(assembly.problem().activations()).hasSize(1);
        assertThat(assembly.problem().dtype()).isEqualTo(DataType.DOUBLE);
        assertThat(assembly.optimizer().name()).isEqualTo(GradientDescent.NAME);
        assertThat(assembly.resolved().optimizer().params()).containsOnlyKeys("rate", "rho", "failAt");
        assertThat(assembly.resolved().regularizer().params()).containsEntry("lambda", 0.0);
        assertThat(assembly.resolved().data().options()).containsKeys("spread", "separation");
    }

    @Test
    void unknownComponentNamesListTheKnownOnes() {
        Injector injector = Wiring.injector(List.of(PLUGIN));
        RunSpec badLoss = new RunSpec(ComponentSpec.of(GradientDescent.NAME), ComponentSpec.of("huber"), null, null,
                null, null, null, null, null, List.of(PLUGIN));

        assertThatThrownBy(() -> Wiring.components(badLoss, injector))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("loss.name must be one of [")
                .hasMessageContaining(SoftmaxCrossEntropy.NAME)
                .hasMessageContaining("found 'huber'");
    }

    @Test
    void unknownDataSetListsTheKnownOnes() {
        RunSpec spec = new RunSpec(ComponentSpec.of(GradientDescent.NAME), ComponentSpec.of(SoftmaxCrossEntropy.NAME),
                ComponentSpec.of(SquaredNorm.NAME), ComponentSpec.of(Identity.NAME), List.of(), DataSpec.of("cifar"),
                null, null, null, List.of(PLUGIN));

        assertThatThrownBy(() -> Wiring.assemble(spec, Wiring.injector(spec.modules()),
                new LoadContext(DataType.FLOAT, spec.seed(), Path.of("."), null, null)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("dataset.name must be one of [csv, fashion-mnist, mnist, synthetic], found 'cifar'");
    }

    @Test
    void aModuleWhoseConfigureThrowsIsNamedInOneLine() {
        assertThatThrownBy(() -> Wiring.injector(List.of("org.example.plugin.BrokenModule")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("RunSpec.modules 'org.example.plugin.BrokenModule' failed in configure(): "
                        + "IllegalStateException: the plug-in's settings file is missing");
    }

    @Test
    void aSingleClassDataSetIsRejected() {
        RunSpec spec = new RunSpec(null, null, null, null, List.of(3),
                new DataSpec("synthetic", 20, 10, null, Map.of("classes", "1")), 2, 3L, "DOUBLE", List.of());
        assertThatThrownBy(() -> Wiring.assemble(spec, Wiring.injector(List.of()),
                new LoadContext(DataType.DOUBLE, 3L, Path.of("."), null, null)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("synthetic.classes must be >= 2 (a single class leaves nothing to learn), "
                        + "found 1 [0] in the training data");
    }
}
