package org.altmin.experiments.cli;

import com.google.inject.Injector;
import com.google.inject.Key;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ComponentSpec;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.altmin.api.RunSpec;
import org.altmin.experiments.check.ComponentCheck;
import org.altmin.experiments.check.ProblemCheck;
import org.altmin.experiments.wiring.RunSpecIo;
import org.altmin.experiments.wiring.Wiring;
import org.altmin.verification.checks.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code altmin check}: the plain-Java checks of the verification module for any registered component, by name and
 * parameters, plug-ins included ({@code --module}); no JUnit needed.
 *
 * <pre>
 * altmin check activation tanh
 * altmin check loss huber --loss-param delta=0.5 --module com.example.HuberModule
 * altmin check regularizer l1 --param lambda=0.1
 * altmin check block W=w-backtrack [--optimizer dlam]
 * altmin check --config spec.yaml
 * </pre>
 *
 * It prints one row per check (check, verdict, tries, tolerance, seed, counterexample), or JSON with {@code --json}.
 * Exit codes: {@value #EXIT_PASSED} every check passed (or did not apply), {@value #EXIT_FAILED} at least one failed,
 * {@value AltminCli#EXIT_BAD_INPUT} bad input (an unknown kind or name, which lists the known ones, a bad
 * parameter), {@value AltminCli#EXIT_DATA_UNAVAILABLE} the data of {@code --config} are unavailable.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Check a component (activation, loss, regularizer, block) against DLAM's assumptions and its "
                + "own contract, or every component of a run spec and its composed problem (--config). Exit 0: all "
                + "passed, 1: a check failed, 2: bad input.")
public final class CheckCommand implements Callable<Integer> {
    public static final int EXIT_PASSED = 0;
    public static final int EXIT_FAILED = 1;
    /** The kinds {@code altmin check KIND NAME} takes. */
    public static final List<String> KINDS = List.of("activation", "loss", "regularizer", "block");
    /** Default seed of the checks (the paper's arXiv number). */
    public static final long DEFAULT_SEED = 181104187L;
    private static final String COMPONENT = "altmin check";

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "activation, loss, regularizer or block.")
    String kind;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "The registered name; for a block ROLE=NAME, e.g. W=w-backtrack (roles W, b, z, zL, a).")
    String name;

    @Option(names = "--param", paramLabel = "KEY=VALUE", description = "Parameter of the checked component (repeatable).")
    List<String> params = new ArrayList<>();

    @Option(names = "--loss-param", paramLabel = "KEY=VALUE", description = "Loss parameter (repeatable).")
    List<String> lossParams = new ArrayList<>();

    @Option(names = "--regularizer-param", paramLabel = "KEY=VALUE", description = "Regularizer parameter (repeatable).")
    List<String> regularizerParams = new ArrayList<>();

    @Option(names = "--activation-param", paramLabel = "KEY=VALUE", description = "Activation parameter (repeatable).")
    List<String> activationParams = new ArrayList<>();

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "dlam",
            description = "For a block: the optimizer whose block registries it is in (dlam or mdlam; default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--loss", paramLabel = "NAME", description = "For a block: the loss of its trial problems (default: every registered loss).")
    String loss;

    @Option(names = "--regularizer", paramLabel = "NAME", description = "For a block: the regularizer (default: every registered one).")
    String regularizer;

    @Option(names = "--activation", paramLabel = "NAME", description = "For a block: the activation (default: every registered one).")
    String activation;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Check every component of this RunSpec and the composed problem on its data (Assumption 1, R bounded below).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory for --config (default $ALTMIN_DATA or ~/.altmin/data).")
    Path dataDir;

    @Option(names = "--no-fetch", description = "With --config: fail instead of downloading a missing data set.")
    boolean noFetch;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the checks (default " + DEFAULT_SEED + ").")
    Long seed;

    @Option(names = "--tries", paramLabel = "N", description = "Tries per check instead of each check's default (search harder).")
    Integer tries;

    @Option(names = "--module", paramLabel = "CLASS", description = "Extra Guice module to install (repeatable).")
    List<String> modules = new ArrayList<>();

    @Option(names = "--json", description = "Print the verdicts as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec commandSpec;

    /** One printed row. */
    public record Row(String component, String check, String verdict, int tries, String tolerance, long seed,
            String detail, String counterexample) {
        static Row of(String component, Verdict v) {
            return new Row(component, v.check(), v.skipped() ? "SKIPPED" : v.passed() ? "PASSED" : "FAILED", v.tries(),
                    v.tolerance().toString(), v.seed(), v.detail(), v.counterexample().orElse(null));
        }
    }

    @Override
    public Integer call() throws Exception {
        if (tries != null && tries < 1) {
            throw InvalidParameterException.of(COMPONENT, "--tries", tries, ">= 1");
        }
        long checkSeed = seed != null ? seed : DEFAULT_SEED;
        List<Row> rows = new ArrayList<>();
        if (config != null) {
            if (kind != null) {
                throw InvalidParameterException.of(COMPONENT, "KIND", "'" + kind + "' with --config",
                        "either --config FILE or KIND NAME, not both");
            }
            RunSpec spec = RunSpecIo.read(config);
            List<String> allModules = new ArrayList<>(spec.modules());
            modules.stream().filter(m -> !allModules.contains(m)).forEach(allModules::add);
            spec = new RunSpec(spec.optimizer(), spec.loss(), spec.regularizer(), spec.activation(), spec.hiddenWidths(),
                    spec.data(), spec.iterations(), spec.seed(), spec.dtype(), allModules);
            Injector injector = Wiring.injector(allModules);
            ProblemCheck.run(spec, injector, dataDir, !noFetch, checkSeed, tries)
                    .forEach(c -> rows.add(Row.of(c.component(), c.verdict())));
        } else {
            if (kind == null || name == null) {
                throw InvalidParameterException.of(COMPONENT, "arguments", kind == null ? "none" : "'" + kind + "' alone",
                        "KIND NAME with KIND one of " + KINDS + " (e.g. altmin check activation tanh), or --config FILE");
            }
            Injector injector = Wiring.injector(modules);
            rows.addAll(single(injector, checkSeed));
        }
        print(rows);
        return rows.stream().anyMatch(r -> r.verdict().equals("FAILED")) ? EXIT_FAILED : EXIT_PASSED;
    }

    private List<Row> single(Injector injector, long checkSeed) {
        Map<String, Object> own = new LinkedHashMap<>();
        own.putAll(SpecOverrides.values("--param", params));
        switch (kind) {
            case "activation" -> {
                own.putAll(SpecOverrides.values("--activation-param", activationParams));
                var h = Registries.resolve("activation", injector.getInstance(Key.get(Registries.ACTIVATION_MAP)),
                        ComponentSpec.of(name, own));
                return rows("activation " + describe(h.spec()), ComponentCheck.activation(h.component(), checkSeed, tries));
            }
            case "loss" -> {
                own.putAll(SpecOverrides.values("--loss-param", lossParams));
                var r = Registries.resolve("loss", injector.getInstance(Key.get(Registries.LOSS_MAP)),
                        ComponentSpec.of(name, own));
                return rows("loss " + describe(r.spec()), ComponentCheck.loss(r.component(), checkSeed, tries));
            }
            case "regularizer" -> {
                own.putAll(SpecOverrides.values("--regularizer-param", regularizerParams));
                var omega = Registries.resolve("regularizer", injector.getInstance(Key.get(Registries.REGULARIZER_MAP)),
                        ComponentSpec.of(name, own));
                return rows("regularizer " + describe(omega.spec()), ComponentCheck.regularizer(omega.component(),
                        checkSeed, tries));
            }
            case "block" -> {
                int eq = name.indexOf('=');
                if (eq <= 0 || eq == name.length() - 1) {
                    throw InvalidParameterException.of(COMPONENT, "block", "'" + name + "'",
                            "ROLE=NAME, e.g. W=w-backtrack (roles " + ComponentCheck.blockRoles() + ")");
                }
                String role = name.substring(0, eq).strip();
                ComponentSpec block = ComponentSpec.of(name.substring(eq + 1).strip(), own);
                List<Loss> losses = candidates(injector, Registries.LOSS_MAP, "loss", loss, lossParams);
                List<Regularizer> regularizers = candidates(injector, Registries.REGULARIZER_MAP, "regularizer",
                        regularizer, regularizerParams);
                List<QuasilinearActivation> activations = candidates(injector, Registries.ACTIVATION_MAP, "activation",
                        activation, activationParams);
                var checked = ComponentCheck.block(injector, optimizer, role, block, losses, regularizers, activations,
                        checkSeed, tries);
                return rows(checked.label(), checked.verdicts());
            }
            default -> throw InvalidParameterException.of(COMPONENT, "KIND", "'" + kind + "'", "one of " + KINDS);
        }
    }

    /** The named component with its flags' parameters, or every registered one with its defaults. */
    private static <T> List<T> candidates(Injector injector, com.google.inject.TypeLiteral<Map<String, ComponentFactory<T>>> map,
            String kind, String chosen, List<String> flags) {
        Map<String, ComponentFactory<T>> registry = injector.getInstance(Key.get(map));
        if (chosen != null) {
            return List.of(Registries.resolve(kind, registry, ComponentSpec.of(chosen,
                    SpecOverrides.values("--" + kind + "-param", flags))).component());
        }
        List<T> all = new ArrayList<>();
        for (String known : new java.util.TreeSet<>(registry.keySet())) {
            try {
                all.add(Registries.resolve(kind, registry, ComponentSpec.of(known)).component());
            } catch (InvalidParameterException needsParameters) {
                // a component without defaults for every parameter is left out of the default candidates
            }
        }
        return all;
    }

    private static String describe(ComponentSpec spec) {
        return spec.params().isEmpty() ? spec.name() : spec.name() + " " + spec.params();
    }

    private static List<Row> rows(String component, List<Verdict> verdicts) {
        return verdicts.stream().map(v -> Row.of(component, v)).toList();
    }

    private void print(List<Row> rows) throws Exception {
        PrintWriter out = commandSpec.commandLine().getOut();
        if (json) {
            out.println(RunSpecIo.json().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            out.flush();
            return;
        }
        String format = "%-32s %-8s %6s %-27s %-20s %s%n";
        String component = null;
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            if (!r.component().equals(component)) {
                component = r.component();
                out.printf("%n%s%n", component);
                out.printf(format, "check", "verdict", "tries", "tolerance", "seed", "counterexample");
            }
            String counter = "-";
            if (r.counterexample() != null) {
                notes.add("[" + (notes.size() + 1) + "] " + r.check() + ": " + r.detail() + "\n    " + r.counterexample());
                counter = "see [" + notes.size() + "]";
            } else if (r.verdict().equals("SKIPPED")) {
                counter = r.detail();
            }
            out.printf(format, r.check(), r.verdict(), r.tries(), r.tolerance(), r.seed(), counter);
        }
        for (String note : notes) {
            out.println();
            out.println(note);
        }
        long failed = rows.stream().filter(r -> r.verdict().equals("FAILED")).count();
        out.printf("%n%d checks: %d failed%n", rows.size(), failed);
        out.flush();
    }
}
