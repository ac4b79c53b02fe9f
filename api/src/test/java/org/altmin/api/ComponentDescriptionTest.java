package org.altmin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComponentDescriptionTest {
    enum Mode { FAST, EXACT }

    record Block(double step) {}

    record Composite(double rate, int trials, boolean warm, Mode mode, String label, Block block) {}

    static final Map<String, ComponentFactory<Block>> BLOCKS = Map.of(
            "plain", p -> new Block(1.0),
            "scaled", ComponentFactory.described(p -> new Block(Validate.positive("scaled", "step", p.get("step", 0.5))),
                    List.of(ParameterInfo.of("step", "> 0 and finite", "the step"))));

    /** Reads one parameter of each type and a part; declares all but {@code label}. */
    static final ComponentFactory<Composite> COMPOSITE = ComponentFactory.described(
            p -> new Composite(p.get("rate", 0.1), p.getInt("trials", 3), p.getBoolean("warm", true),
                    p.getEnum("mode", Mode.EXACT), p.getString("label", "x"),
                    p.part("B", "plain", BLOCKS, "test block")),
            List.of(ParameterInfo.of("rate", "> 0 and finite", "the rate"), ParameterInfo.of("trials", ">= 1", ""),
                    ParameterInfo.of("warm", "", "warm start"), ParameterInfo.of("mode", "", "")));

    @Test
    void readsTypesAndDefaultsFromTheFactoryAndRangesFromTheDeclaration() {
        ComponentDescription d = Registries.describe("composite", "comp", COMPOSITE);

        assertThat(d.error()).isEmpty();
        assertThat(d.kind()).isEqualTo("composite");
        assertThat(d.name()).isEqualTo("comp");
        assertThat(d.parameters()).containsExactly(
                new ComponentDescription.Parameter("rate", "number", 0.1, "> 0 and finite", "the rate"),
                new ComponentDescription.Parameter("trials", "integer", 3, ">= 1", ""),
                new ComponentDescription.Parameter("warm", "true|false", true, "", "warm start"),
                new ComponentDescription.Parameter("mode", "fast|exact", "exact", "", ""),
                // read but not declared: still listed, with its type and default
                new ComponentDescription.Parameter("label", "string", "x", "", ""));
        assertThat(d.parts()).hasSize(1);
        ComponentDescription.Part part = d.parts().get(0);
        assertThat(part.role()).isEqualTo("B");
        assertThat(part.kind()).isEqualTo("test block");
        assertThat(part.defaultName()).isEqualTo("plain");
        assertThat(part.choices()).extracting(ComponentDescription::name).containsExactly("plain", "scaled");
        assertThat(part.choices().get(1).parameters()).containsExactly(
                new ComponentDescription.Parameter("step", "number", 0.5, "> 0 and finite", "the step"));
    }

    @Test
    void anUndeclaredFactoryIsDescribedByWhatItReads() {
        ComponentFactory<Block> lambda = p -> new Block(p.get("step", 2.0));
        assertThat(lambda.parameters()).isEmpty();
        assertThat(Registries.describe("block", "lambda", lambda).parameters())
                .containsExactly(new ComponentDescription.Parameter("step", "number", 2.0, "", ""));
    }

    @Test
    void aFactoryThatCannotBeBuiltWithItsDefaultsIsDescribedByTheReason() {
        ComponentFactory<Block> needsStep = p -> new Block(Validate.positive("needy", "step", p.get("step", 0.0)));
        ComponentDescription d = Registries.describe("block", "needy", needsStep);
        assertThat(d.parameters()).isEmpty();
        assertThat(d.error()).startsWith("cannot be built with its defaults: ").contains("needy.step", "> 0");
    }

    @Test
    void describedFactoriesBuildWhatTheWrappedFactoryBuilds() {
        Composite built = Registries.resolve("composite", Map.of("comp", COMPOSITE),
                ComponentSpec.of("comp", Map.of("rate", 0.25, "mode", "fast"))).component();
        assertThat(built.rate()).isEqualTo(0.25);
        assertThat(built.mode()).isEqualTo(Mode.FAST);
        assertThat(Registries.describeAll("composite", Map.of("b", COMPOSITE, "a", COMPOSITE)))
                .extracting(ComponentDescription::name).containsExactly("a", "b");
    }
}
