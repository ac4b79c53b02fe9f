package org.altmin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    enum Shade { LIGHT, DARK_RED, PLAIN }

    private static Params params(Map<String, ?> given) {
        return new Params("thing", ComponentSpec.of("thing", given));
    }

    @Test
    void specNormalisesNumbersAndKeepsBooleansAndStrings() {
        ComponentSpec spec = ComponentSpec.of("thing", Map.of("i", 3, "l", 4L, "f", 0.5f, "d", 2.0, "big",
                BigInteger.TEN, "dec", new BigDecimal("0.25"), "b", true, "s", "he"));
        assertThat(spec.params()).containsExactlyInAnyOrderEntriesOf(Map.of("i", 3L, "l", 4L, "f", 0.5, "d", 2.0,
                "big", 10L, "dec", 0.25, "b", true, "s", "he"));
        assertThat(ComponentSpec.of("thing", Map.of("n", 60))).isEqualTo(ComponentSpec.of("thing", Map.of("n", 60L)));
        assertThat(ComponentSpec.of("thing").withParam("n", 60).params().get("n")).isEqualTo(60L);
        assertThat(ComponentSpec.of("thing").withParam("x", 0.5).params().get("x")).isEqualTo(0.5);
        assertThat(ComponentSpec.of("thing").withParam("on", false).params().get("on")).isEqualTo(false);
        assertThat(ComponentSpec.of("thing").withParam("shade", Shade.DARK_RED).params().get("shade"))
                .isEqualTo("dark_red");
        assertThat(ComponentSpec.of("thing").withParam("s", (Object) "x").params().get("s")).isEqualTo("x");
    }

    @Test
    void specRejectsNullsListsAndMapsNamingComponentKeyAndValue() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("rho", null);
        assertThatThrownBy(() -> ComponentSpec.of("dlam", withNull)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("dlam.rho must be a number, true or false, or a string, found null");
        assertThatThrownBy(() -> ComponentSpec.of("dlam", Map.of("rho", List.of(1, 2))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("dlam.rho must be a number, true or false, or a string, found [1, 2]");
        assertThatThrownBy(() -> ComponentSpec.of("dlam").withParam("nested", Map.of("a", 1)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dlam.nested")
                .hasMessageContaining("found {a=1}");
        assertThatThrownBy(() -> ComponentSpec.of("dlam", Map.of("big", BigInteger.TWO.pow(70))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dlam.big")
                .hasMessageContaining(BigInteger.TWO.pow(70).toString());
        assertThatThrownBy(() -> ComponentSpec.of("dlam", Map.of(" ", 1.0)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("dlam.params");
    }

    @Test
    void numbersAcceptAnyNumberAndRejectStringsAndBooleans() {
        Params p = params(Map.of("rho", 1, "epsilon", 0.5));
        assertThat(p.get("rho", 9.0)).isEqualTo(1.0);
        assertThat(p.get("epsilon", 9.0)).isEqualTo(0.5);
        assertThat(p.get("nu", 3.0)).isEqualTo(3.0);
        assertThat(p.resolved().params()).containsEntry("rho", 1.0).containsEntry("nu", 3.0);
        assertThatThrownBy(() -> new Params("dlam", ComponentSpec.of("dlam", Map.of("rho", "abc"))).get("rho", 1.0))
                .isInstanceOf(InvalidParameterException.class).hasMessage("dlam.rho must be a number, found 'abc'");
        assertThatThrownBy(() -> params(Map.of("rho", true)).get("rho", 1.0))
                .hasMessage("thing.rho must be a number, found true");
    }

    @Test
    void integersAcceptIntegralNumbersOnly() {
        Params p = params(Map.of("a", 60L, "b", 7.0, "c", -3));
        assertThat(p.getInt("a", 1)).isEqualTo(60);
        assertThat(p.getInt("b", 1)).isEqualTo(7);
        assertThat(p.getInt("c", 1)).isEqualTo(-3);
        assertThat(p.getInt("d", 5)).isEqualTo(5);
        assertThat(p.resolved().params()).containsEntry("a", 60L).containsEntry("b", 7L).containsEntry("d", 5L);
        assertThatThrownBy(() -> params(Map.of("n", 2.5)).getInt("n", 1)).isInstanceOf(InvalidParameterException.class)
                .hasMessage("thing.n must be an integer, found 2.5");
        assertThatThrownBy(() -> params(Map.of("n", Double.NaN)).getInt("n", 1)).hasMessageContaining("found NaN");
        assertThatThrownBy(() -> params(Map.of("n", "60")).getInt("n", 1))
                .hasMessage("thing.n must be an integer, found '60'");
        assertThatThrownBy(() -> params(Map.of("n", 1L << 40)).getInt("n", 1))
                .hasMessageContaining("thing.n must be an integer in [-2147483648, 2147483647], found 1099511627776");
        assertThatThrownBy(() -> params(Map.of("n", false)).getInt("n", 1)).hasMessageContaining("found false");
    }

    @Test
    void integralValuesRoundTripAndNonIntegralOnesAreRejected() {
        qt().forAll(integers().all()).checkAssert(i -> {
            assertThat(params(Map.of("n", i)).getInt("n", 0)).isEqualTo(i);
            assertThat(params(Map.of("n", (double) i)).getInt("n", 0)).isEqualTo(i);
        });
        qt().forAll(doubles().between(-1e9, 1e9)).assuming(x -> x != Math.rint(x)).checkAssert(x ->
                assertThatThrownBy(() -> params(Map.of("n", x)).getInt("n", 0))
                        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("an integer"));
    }

    @Test
    void booleansAcceptTrueAndFalseOnly() {
        Params p = params(Map.of("a", true, "b", "FALSE", "c", "True"));
        assertThat(p.getBoolean("a", false)).isTrue();
        assertThat(p.getBoolean("b", true)).isFalse();
        assertThat(p.getBoolean("c", false)).isTrue();
        assertThat(p.getBoolean("d", true)).isTrue();
        assertThat(p.resolved().params()).containsEntry("a", true).containsEntry("b", false)
                .containsEntry("c", true).containsEntry("d", true);
        for (Object zeroOrOne : List.of(0L, 1L, 1.0, 0)) {
            assertThatThrownBy(() -> new Params("dlam", ComponentSpec.of("dlam", Map.of("warmStart", zeroOrOne)))
                    .getBoolean("warmStart", true))
                    .isInstanceOf(InvalidParameterException.class)
                    .hasMessage("dlam.warmStart must be true or false (not a number such as 0 or 1), found "
                            + ComponentSpec.parameterValue("dlam", "warmStart", zeroOrOne));
        }
        assertThatThrownBy(() -> params(Map.of("a", "yes")).getBoolean("a", true))
                .hasMessage("thing.a must be true or false, found 'yes'");
    }

    @Test
    void enumsAreReadByNameInAnyCaseWithDashesAsUnderscores() {
        for (String name : List.of("dark_red", "DARK_RED", "dark-red", "Dark-Red", " dark-red ")) {
            Params p = params(Map.of("shade", name));
            assertThat(p.getEnum("shade", Shade.PLAIN)).as(name).isEqualTo(Shade.DARK_RED);
            assertThat(p.resolved().params()).containsEntry("shade", "dark_red");
        }
        Params defaults = params(Map.of());
        assertThat(defaults.getEnum("shade", Shade.LIGHT)).isEqualTo(Shade.LIGHT);
        assertThat(defaults.resolved().params()).containsEntry("shade", "light");
    }

    @Test
    void enumsRejectOrdinalsAndUnknownNamesListingTheKnownOnes() {
        assertThatThrownBy(() -> params(Map.of("shade", 1)).getEnum("shade", Shade.PLAIN))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("thing.shade must be one of light, dark_red, plain (by name, not by number), found 1");
        assertThatThrownBy(() -> params(Map.of("shade", "blue")).getEnum("shade", Shade.PLAIN))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("thing.shade must be one of light, dark_red, plain, found 'blue'");
        assertThatThrownBy(() -> params(Map.of("shade", true)).getEnum("shade", Shade.PLAIN))
                .hasMessageContaining("found true");
    }

    @Test
    void stringsAcceptStringsOnly() {
        Params p = params(Map.of("file", "a.csv"));
        assertThat(p.getString("file", "b.csv")).isEqualTo("a.csv");
        assertThat(p.getString("other", "b.csv")).isEqualTo("b.csv");
        assertThat(p.resolved().params()).containsEntry("file", "a.csv").containsEntry("other", "b.csv");
        assertThatThrownBy(() -> params(Map.of("file", 12L)).getString("file", "x"))
                .hasMessage("thing.file must be a string, found 12");
    }

    @Test
    void unknownKeysAreRejectedListingTheKnownOnesOfEveryType() {
        Params p = params(Map.of("rho", 1.0, "warmstart", true));
        p.get("rho", 1.0);
        p.getInt("maxBacktracks", 60);
        p.getBoolean("warmStart", true);
        p.getEnum("shade", Shade.PLAIN);
        assertThatThrownBy(p::checkAllUsed).isInstanceOf(InvalidParameterException.class)
                .hasMessage("thing.warmstart is not a parameter of thing; known parameters: "
                        + "[maxBacktracks, rho, shade, warmStart]");
    }

    @Test
    void resolvedKeepsEveryTypeAndIsAValidSpec() {
        Params p = params(Map.of("warmStart", "false", "shade", "DARK-RED"));
        p.get("rho", 0.01);
        p.getInt("maxBacktracks", 60);
        p.getBoolean("warmStart", true);
        p.getEnum("shade", Shade.PLAIN);
        p.checkAllUsed();
        assertThat(p.resolved()).isEqualTo(ComponentSpec.of("thing", Map.of("rho", 0.01, "maxBacktracks", 60L,
                "warmStart", false, "shade", "dark_red")));
        assertThat(p.resolved().params().get("maxBacktracks")).isInstanceOf(Long.class);
    }
}
