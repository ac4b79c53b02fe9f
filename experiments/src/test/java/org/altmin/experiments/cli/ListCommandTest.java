package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import com.google.inject.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentDescription;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.ParameterInfo;
import org.altmin.api.Registries;
import org.altmin.experiments.data.DataSets;
import org.altmin.experiments.wiring.Wiring;
import org.example.plugin.GradientDescent;
import org.example.plugin.ServiceLoadedModule;
import org.example.plugin.SquaredNorm;
import org.junit.jupiter.api.Test;

class ListCommandTest {
    static final Injector INJECTOR = Wiring.injector(List.of());

    @Test
    void listsEveryRegisteredComponentOfEveryKindOnStdout() {
        CliRunner.Result r = CliRunner.run("list");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).filteredOn(l -> !l.startsWith(" ")).containsExactlyElementsOf(ListCommand.KINDS);
        for (var registry : List.of(Registries.OPTIMIZER_MAP, Registries.LOSS_MAP, Registries.REGULARIZER_MAP,
                Registries.ACTIVATION_MAP)) {
            for (String name : INJECTOR.getInstance(Key.get(registry)).keySet()) {
                assertThat(lines).as(name).contains("  " + name);
            }
        }
        for (String name : INJECTOR.getInstance(Key.get(DataSets.MAP)).keySet()) {
            assertThat(lines).contains("  " + name);
        }
        // A parameter: name, type, default, range, meaning; a part: role, kind, default and every choice.
        assertThat(r.out()).containsPattern("\n    rho +number +default 0\\.3 +> 0 and finite +the penalty of the coupling");
        assertThat(r.out()).containsPattern("\n    init +he\\|xavier\\|unit +default xavier");
        assertThat(r.out()).contains("    part W (DLAM W block): default w-backtrack; choices w-backtrack, w-exact\n");
        assertThat(r.out()).containsPattern("\n    alpha +number +default 0\\.01 +in \\(0, 1\\)");
    }

    @Test
    void listsOneKindAndThePluginsNamedWithModule() {
        CliRunner.Result r = CliRunner.run("list", "optimizers", "regularizers", "--module", "org.example.plugin.PluginModule");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("optimizers\n").contains("\nregularizers\n").doesNotContain("\nlosses\n");
        // Declared: ranges and meanings; undeclared (test-l2): type and default, read from the factory.
        assertThat(r.out()).containsPattern("\n  " + GradientDescent.NAME + "\n    rate +number +default 0\\.5 +> 0 and "
                + "finite +the gradient step\n");
        assertThat(r.out()).containsPattern("\n  " + SquaredNorm.NAME + "\n    lambda +number +default 0\\.0\n");
        // Modules on the class path (META-INF/services) are listed without --module.
        assertThat(CliRunner.run("list", "activations").out()).contains("  " + ServiceLoadedModule.ACTIVATION + "\n");
    }

    @Test
    void anUnknownKindIsBadInput() {
        CliRunner.Result r = CliRunner.run("list", "solvers");
        assertThat(r.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("list.KIND must be one of [optimizers, losses, regularizers, activations, "
                + "datasets], found 'solvers'");
        assertThat(r.out()).isEmpty();
    }

    /** A value outside each declared range form (a declaration with a new form must add one here). */
    static final Map<String, Double> VIOLATING = Map.of(
            "> 0 and finite", -1.0, ">= 0 and finite", -1.0, "> 1 and finite", 1.0, ">= 1", 0.0, ">= 0", -1.0,
            "in (0, 1)", 1.0, "in [0, 1)", 1.0, "in (0, 1] (1 keeps eps fixed)", 0.0);

    /**
     * Every shipped component declares each parameter it reads (meaning, and a range for every number), declares
     * none that it does not read, and each declared range is the component's own validation: a value outside it is
     * rejected with that range in the message.
     */
    @Test
    void everyShippedParameterIsDeclaredAndItsRangeIsTheValidatedOne() {
        List<String> checked = new ArrayList<>();
        checkAll("optimizer", INJECTOR.getInstance(Key.get(Registries.OPTIMIZER_MAP)), checked);
        checkAll("loss", INJECTOR.getInstance(Key.get(Registries.LOSS_MAP)), checked);
        checkAll("regularizer", INJECTOR.getInstance(Key.get(Registries.REGULARIZER_MAP)), checked);
        checkAll("activation", INJECTOR.getInstance(Key.get(Registries.ACTIVATION_MAP)), checked);
        assertThat(checked).contains("dlam.rho", "dlam.epsilonDecay", "adam.beta2", "admm.warmStartIterations",
                "cross-entropy.proxMaxIterations", "leaky-relu.alpha", "elastic-net.lambda1");
    }

    private static <T> void checkAll(String kind, Map<String, ComponentFactory<T>> registry, List<String> checked) {
        registry.forEach((name, factory) -> {
            ComponentDescription d = Registries.describe(kind, name, factory);
            assertThat(d.error()).as(name).isEmpty();
            List<String> read = d.parameters().stream().map(ComponentDescription.Parameter::name).toList();
            assertThat(factory.parameters()).as(name + " declares only what it reads").extracting(ParameterInfo::name)
                    .isSubsetOf(read);
            for (ComponentDescription.Parameter p : d.parameters()) {
                String where = name + "." + p.name();
                assertThat(p.description()).as(where + " is declared").isNotEmpty();
                if (p.type().equals("number") || p.type().equals("integer")) {
                    assertThat(VIOLATING).as(where + ": a violating value for its range").containsKey(p.range());
                    Object bad = p.type().equals("integer") ? (Object) VIOLATING.get(p.range()).longValue()
                            : VIOLATING.get(p.range());
                    assertThatThrownBy(() -> Registries.resolve(kind, registry,
                            ComponentSpec.of(name, Map.of(p.name(), bad))))
                            .as(where + " = " + bad).isInstanceOf(InvalidParameterException.class)
                            .hasMessageContaining("." + p.name() + " must be " + p.range() + ", found");
                    checked.add(where);
                }
            }
            for (ComponentDescription.Part part : d.parts()) {
                assertThat(part.choices()).extracting(ComponentDescription::name).contains(part.defaultName());
                part.choices().forEach(c -> assertThat(c.error()).as(c.name()).isEmpty());
            }
        });
    }

}
