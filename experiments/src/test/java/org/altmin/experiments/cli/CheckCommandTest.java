package org.altmin.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.altmin.experiments.wiring.RunSpecIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code altmin check}: verdict tables, JSON, exit codes 0 / 1 / 2, plug-ins, blocks and run specs. */
class CheckCommandTest {
    static final String PLUGIN = "org.example.check.CheckPluginModule";

    @Test
    void aCorrectPluginActivationPassesEveryCheck() {
        CliRunner.Result r = CliRunner.run("check", "activation", "test-softsign", "--module", PLUGIN);
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("activation.quasilinearity", "PASSED", "tolerance", "counterexample")
                .contains("checks: 0 failed");
    }

    @Test
    void aLossUnboundedBelowFailsWithExitOneAndACounterexample() throws Exception {
        CliRunner.Result r = CliRunner.run("check", "loss", "test-linear", "--module", PLUGIN, "--json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(CheckCommand.EXIT_FAILED);
        JsonNode rows = RunSpecIo.json().readTree(r.out());
        JsonNode bounded = null;
        for (JsonNode row : rows) {
            if (row.get("check").asText().equals("loss.boundedBelow")) {
                bounded = row;
            }
            // the convexity and prox checks of a linear loss hold
            if (row.get("check").asText().equals("loss.convexity")) {
                assertThat(row.get("verdict").asText()).isEqualTo("PASSED");
            }
        }
        assertThat(bounded).isNotNull();
        assertThat(bounded.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(bounded.get("counterexample").asText()).isNotBlank();
    }

    @Test
    void regularizerParametersAreTypedAndChecked() {
        CliRunner.Result ok = CliRunner.run("check", "regularizer", "l1", "--param", "lambda=0.1", "--tries", "5");
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("regularizer.subgradientAtKinks", "l1 {lambda=0.1}");
        CliRunner.Result bad = CliRunner.run("check", "regularizer", "l1", "--param", "lambda=-1");
        assertThat(bad.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(bad.err()).contains("lambda").doesNotContain("Exception", "\tat ");
    }

    @Test
    void unknownNamesAndKindsListTheKnownOnesWithExitTwo() {
        CliRunner.Result name = CliRunner.run("check", "activation", "nope");
        assertThat(name.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(name.err()).contains("'nope'", "relu", "tanh").doesNotContain("\tat ");
        CliRunner.Result kind = CliRunner.run("check", "optimizer", "dlam");
        assertThat(kind.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(kind.err()).contains("activation", "loss", "regularizer", "block");
        CliRunner.Result block = CliRunner.run("check", "block", "W=z-clip");
        assertThat(block.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
        assertThat(block.err()).contains("w-backtrack");
        CliRunner.Result none = CliRunner.run("check");
        assertThat(none.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
    }

    @Test
    void shippedBlockPassesAndAPlantedLooseBlockIsCaughtByItsDescentCheck() {
        CliRunner.Result shipped = CliRunner.run("check", "block", "W=w-backtrack", "--tries", "20");
        assertThat(shipped.exitCode()).as(shipped.out() + shipped.err()).isZero();
        assertThat(shipped.out()).contains("block.descent", "block.optimality", "block.stepReport", "block.invariants");
        CliRunner.Result loose = CliRunner.run("check", "block", "W=test-loose-w", "--module", PLUGIN, "--tries", "20",
                "--json");
        assertThat(loose.exitCode()).as(loose.out() + loose.err()).isEqualTo(CheckCommand.EXIT_FAILED);
        assertThat(loose.out()).contains("\"check\" : \"block.descent\"", "\"verdict\" : \"FAILED\"", "(c/2) ||step||^2");
        CliRunner.Result admm = CliRunner.run("check", "block", "W=w-backtrack", "--optimizer", "admm");
        assertThat(admm.exitCode()).isEqualTo(AltminCli.EXIT_BAD_INPUT);
    }

    @Test
    void aRunSpecIsCheckedComponentByComponentAndAsAComposedProblem(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, """
                optimizer: {name: dlam, params: {rho: 0.5}}
                loss: {name: square}
                regularizer: {name: none}
                activation: {name: tanh}
                hiddenWidths: [3]
                data: {name: synthetic, trainSize: 30, testSize: 10, options: {features: 4}}
                iterations: 5
                """);
        CliRunner.Result r = CliRunner.run("check", "--config", spec.toString(), "--tries", "4", "--json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isIn(0, 1);
        JsonNode rows = RunSpecIo.json().readTree(r.out());
        java.util.Set<String> checks = new java.util.HashSet<>();
        rows.forEach(row -> checks.add(row.get("check").asText()));
        assertThat(checks).contains("activation.quasilinearity", "loss.boundedBelow", "regularizer.convexity",
                "block.descent", "coercivity(F in W_1)", "coercivity(F in b_2)", "coercivity(F in z_L)",
                "coercivity(F in a_1)");
        // 30 samples of 4 features: the Gram matrix x x^T is nonsingular, so F is coercive in W_1 even without
        // a regularizer; with l2 it is coercive in every W_l.
        for (JsonNode row : rows) {
            if (row.get("check").asText().startsWith("coercivity") || row.get("check").asText().startsWith("block.")) {
                assertThat(row.get("verdict").asText()).as(row.toString()).isEqualTo("PASSED");
            }
        }
        Files.writeString(spec, Files.readString(spec).replace("trainSize: 30", "trainSize: 2"));
        CliRunner.Result few = CliRunner.run("check", "--config", spec.toString(), "--tries", "4", "--json");
        // 2 samples of 4 features: x x^T is singular, the coupling is flat along its null space, Omega = 0: F is not
        // coercive in W_1 (Assumption 1 fails), and the check says so.
        assertThat(few.exitCode()).as(few.out() + few.err()).isEqualTo(CheckCommand.EXIT_FAILED);
        boolean w1Failed = false;
        for (JsonNode row : RunSpecIo.json().readTree(few.out())) {
            if (row.get("check").asText().equals("coercivity(F in W_1)")) {
                w1Failed = row.get("verdict").asText().equals("FAILED");
            }
        }
        assertThat(w1Failed).isTrue();
    }
}
