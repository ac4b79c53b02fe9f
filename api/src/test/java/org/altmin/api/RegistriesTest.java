package org.altmin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistriesTest {
    record Scaled(double factor) {}

    private static final Map<String, ComponentFactory<Scaled>> REGISTRY =
            Map.of("scaled", p -> new Scaled(Validate.positive("scaled", "factor", p.get("factor", 2.0))));

    @Test
    void resolvesByNameAndRecordsDefaults() {
        var resolved = Registries.resolve("thing", REGISTRY, ComponentSpec.of("scaled"));
        assertThat(resolved.component().factor()).isEqualTo(2.0);
        assertThat(resolved.spec().params()).containsEntry("factor", 2.0);
    }

    @Test
    void givenParameterOverridesDefault() {
        var resolved = Registries.resolve("thing", REGISTRY, ComponentSpec.of("scaled", Map.of("factor", 3.5)));
        assertThat(resolved.component().factor()).isEqualTo(3.5);
    }

    @Test
    void unknownNameListsKnownNames() {
        assertThatThrownBy(() -> Registries.resolve("thing", REGISTRY, ComponentSpec.of("scaledd")))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'scaledd'")
                .hasMessageContaining("[scaled]");
    }

    @Test
    void unknownParameterListsKnownParameters() {
        assertThatThrownBy(() -> Registries.resolve("thing", REGISTRY, ComponentSpec.of("scaled", Map.of("facter", 1.0))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("facter")
                .hasMessageContaining("[factor]");
    }

    @Test
    void outOfRangeParameterNamesComponentValueAndRange() {
        assertThatThrownBy(() -> Registries.resolve("thing", REGISTRY, ComponentSpec.of("scaled", Map.of("factor", -1.0))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("scaled.factor must be > 0 and finite, found -1.0");
    }

    @Test
    void seedsSplitDeterministicallyAndByLabel() {
        assertThat(Seeds.split(42, "init")).isEqualTo(Seeds.split(42, "init"));
        assertThat(Seeds.split(42, "init")).isNotEqualTo(Seeds.split(42, "subset"));
        assertThat(Seeds.split(42, "init")).isNotEqualTo(Seeds.split(43, "init"));
    }
}
