package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.altmin.api.ComponentSpec;
import org.junit.jupiter.api.Test;

class SpecOverridesTest {
    @Test
    void valuesAreNumbersIfTheyParseAsOneThenBooleansThenStrings() {
        assertThat(SpecOverrides.value("60")).isEqualTo(60L);
        assertThat(SpecOverrides.value("-3")).isEqualTo(-3L);
        assertThat(SpecOverrides.value("99999999999999999999")).isEqualTo(1e20);
        assertThat(SpecOverrides.value("0.5")).isEqualTo(0.5);
        assertThat(SpecOverrides.value(".5")).isEqualTo(0.5);
        assertThat(SpecOverrides.value("1e-3")).isEqualTo(1e-3);
        assertThat(SpecOverrides.value("2.")).isEqualTo(2.0);
        assertThat(SpecOverrides.value("true")).isEqualTo(true);
        assertThat(SpecOverrides.value("FALSE")).isEqualTo(false);
        assertThat(SpecOverrides.value("he")).isEqualTo("he");
        assertThat(SpecOverrides.value("HE")).isEqualTo("HE");
        assertThat(SpecOverrides.value("1f")).isEqualTo("1f");
        assertThat(SpecOverrides.value("0x10")).isEqualTo("0x10");
        assertThat(SpecOverrides.value("yes")).isEqualTo("yes");
    }

    @Test
    void flagsSetTypedParametersOnComponentsAndParts() {
        ComponentSpec base = ComponentSpec.of("dlam", Map.of("rho", 0.3));
        ComponentSpec spec = SpecOverrides.component(base, null,
                SpecOverrides.values("--param", List.of("init=he", "warmStart=false", "maxBacktracks=60")));
        assertThat(spec.params()).containsExactlyInAnyOrderEntriesOf(Map.of("rho", 0.3, "init", "he", "warmStart", false,
                "maxBacktracks", 60L));
        ComponentSpec withPart = SpecOverrides.parts(spec, List.of("W=w-backtrack"), List.of("W.nu=2", "W.exact=true"));
        assertThat(withPart.parts().get("W").params()).containsExactlyInAnyOrderEntriesOf(Map.of("nu", 2L, "exact", true));
    }
}
