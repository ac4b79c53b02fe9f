package org.altmin.experiments.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Injector;
import java.util.List;
import java.util.Map;
import org.altmin.api.InvalidParameterException;
import org.altmin.experiments.wiring.Wiring;
import org.junit.jupiter.api.Test;

/** Expanding study specs: the grid, overrides, exclusions, seeds, names and hashes, and bad input named. */
class StudyPlanTest {
    private static final Injector INJECTOR = Wiring.injector(List.of());

    static final String GRID = """
            name: grid
            base: {data: {name: synthetic, trainSize: 50, testSize: 20}, iterations: 3, seed: 7}
            axes:
              - name: method
                values:
                  - {label: dlam, set: {optimizer: {name: dlam, params: {rho: 0.3}}}}
                  - {label: adam, set: {optimizer: adam}}
              - name: hiddenWidths
                values: [[4], [8, 8]]
            overrides:
              - when: {method: dlam, hiddenWidths: "8-8"}
                set: {optimizer.params.epsilon: 2.0}
            exclude: [{method: adam, hiddenWidths: "4"}]
            seeds: 2
            scales: {quick: {set: {iterations: 1}}}
            """;

    private static StudyPlan plan(String yaml, String scale) {
        return StudyPlan.expand(StudySpecIo.parse(yaml, "t", null), scale, INJECTOR);
    }

    @Test
    void expandsTheGridLessExclusionsTimesSeedsWithOverridesApplied() {
        StudyPlan plan = plan(GRID, null);
        assertThat(plan.runs()).extracting(StudyPlan.StudyRun::setting).containsExactly(
                "dlam, 4", "dlam, 4", "dlam, 8-8", "dlam, 8-8", "adam, 8-8", "adam, 8-8");
        assertThat(plan.runs()).extracting(StudyPlan.StudyRun::seed).containsExactly(7L, 8L, 7L, 8L, 7L, 8L);
        StudyPlan.StudyRun dlam4 = plan.runs().get(0);
        StudyPlan.StudyRun dlam88 = plan.runs().get(2);
        assertThat(dlam4.spec().optimizer().params()).containsEntry("rho", 0.3);
        assertThat(dlam4.spec().optimizer().params().get("epsilon")).isNotEqualTo(2.0);
        assertThat(dlam88.spec().optimizer().params()).containsEntry("epsilon", 2.0).containsEntry("rho", 0.3);
        assertThat(dlam88.spec().hiddenWidths()).containsExactly(8, 8);
        // resolved: the defaults of every component are filled in (DLAM has far more than the two set here)
        assertThat(dlam4.spec().optimizer().params().size()).isGreaterThan(2);
        assertThat(plan.runs().get(4).spec().optimizer().name()).isEqualTo("adam");
        assertThat(dlam4.name()).isEqualTo("dlam_4_seed7_" + dlam4.hash());
        assertThat(dlam4.hash()).isEqualTo(StudyPlan.hash(dlam4.spec())).hasSize(StudyPlan.HASH_DIGITS);
        assertThat(plan.runs()).extracting(StudyPlan.StudyRun::hash).doesNotHaveDuplicates();
        // the same spec expands to the same names (resume relies on it); a changed setting changes the hash
        assertThat(plan(GRID, null).runs()).extracting(StudyPlan.StudyRun::name)
                .isEqualTo(plan.runs().stream().map(StudyPlan.StudyRun::name).toList());
        assertThat(plan(GRID.replace("rho: 0.3", "rho: 0.2"), null).runs().get(0).hash()).isNotEqualTo(dlam4.hash());
    }

    @Test
    void aScaleSetsEveryRunAfterTheStudysOwnSettings() {
        assertThat(plan(GRID, "quick").runs()).allSatisfy(r -> assertThat(r.spec().iterations()).isEqualTo(1));
        assertThat(plan(GRID, null).runs()).allSatisfy(r -> assertThat(r.spec().iterations()).isEqualTo(3));
        assertThatThrownBy(() -> plan(GRID, "huge")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("'huge'").hasMessageContaining("quick");
    }

    @Test
    void badInputNamesTheEntry() {
        assertThatThrownBy(() -> plan(GRID.replace("name: hiddenWidths", "name: widthz"), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("axes.widthz")
                .hasMessageContaining("not a run spec field");
        assertThatThrownBy(() -> plan(GRID.replace("values: [[4], [8, 8]]", "values: []"), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("axes.hiddenWidths.values")
                .hasMessageContaining("empty grid");
        assertThatThrownBy(() -> plan(GRID.replace("values: [[4], [8, 8]]", "values: [[4], [4]]"), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("label '4'");
        assertThatThrownBy(() -> plan(GRID.replace("seeds: 2", "seeds: []"), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("seeds");
        assertThatThrownBy(() -> plan(GRID.replace("when: {method: dlam,", "when: {method: sgd,"), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("'sgd'")
                .hasMessageContaining("[dlam, adam]");
        assertThatThrownBy(() -> plan(GRID.replace("exclude: [{method: adam, hiddenWidths: \"4\"}]",
                "exclude: [{method: adam}, {method: dlam}]"), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("empty grid");
        assertThatThrownBy(() -> plan(GRID.replace("rho: 0.3", "rhoo: 0.3"), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("run dlam/4 seed 7")
                .hasMessageContaining("rhoo");
        assertThatThrownBy(() -> plan(GRID.replace("optimizer: adam", "optimizer: adamm"), null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("run adam/8-8 seed 7")
                .hasMessageContaining("'adamm'");
        assertThatThrownBy(() -> plan(GRID + "report: {series: nope}\n", null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("report.series");
        assertThatThrownBy(() -> plan(GRID + "colour: blue\n", null))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("colour");
    }

    @Test
    void twoValuesThatResolveToTheSameSpecAreADuplicatedRun() {
        // rho 0.01 is DLAM's default, so "default" and "rho=0.01" are the same run
        String yaml = """
                base: {data: {name: synthetic}, iterations: 2}
                axes:
                  - name: method
                    values:
                      - {label: default, set: {optimizer: dlam}}
                      - {label: explicit, set: {optimizer: {name: dlam, params: {rho: %s}}}}
                """.formatted(org.altmin.solvers.dlam.DlamConfig.DEFAULT_RHO);
        assertThatThrownBy(() -> plan(yaml, null)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("duplicated run").hasMessageContaining("run explicit seed 42")
                .hasMessageContaining("run default seed 42");
    }

    @Test
    void thePaperStudyExpandsToItsTwelveSettingsTimesThreeSeeds() {
        StudySpec paper = StudySpecIo.paper();
        StudyPlan full = StudyPlan.expand(paper, null, INJECTOR);
        assertThat(full.runs()).hasSize(36);
        assertThat(full.runs()).allSatisfy(r -> {
            assertThat(r.spec().iterations()).isEqualTo(200);
            assertThat(r.spec().data().trainSize()).isZero();
        });
        StudyPlan.StudyRun dlam10 = full.runs().stream().filter(r -> r.labels().equals(Map.of("method", "dlam",
                "data", "mnist", "network", "10"))).findFirst().orElseThrow();
        assertThat(dlam10.spec().optimizer().params()).containsEntry("epsilon", 3.0).containsEntry("epsilonDecay", 0.95);
        StudyPlan quick = StudyPlan.expand(paper, "quick", INJECTOR);
        assertThat(quick.runs()).hasSize(36).allSatisfy(r -> assertThat(r.spec().iterations()).isEqualTo(50));
        assertThat(paper.report().figures()).extracting(StudySpec.Figure::name)
                .containsExactly("figure-1", "figure-2", "figure-3");
    }
}
