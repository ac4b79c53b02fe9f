package org.altmin.experiments.cli;

import com.google.inject.Injector;
import com.google.inject.Key;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.altmin.api.ComponentDescription;
import org.altmin.api.ComponentFactory;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Registries;
import org.altmin.experiments.data.DataSets;
import org.altmin.experiments.wiring.Wiring;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code altmin list [KIND...] [--module CLASS...]}: every registered component by kind, with each parameter's
 * type, default, valid range and meaning, and each optimizer's parts per role with every registered choice; the
 * modules on the class path and the plug-ins named with {@code --module}, as {@code train} wires them. Types and
 * defaults are read from the factories themselves ({@link Registries#describe}); ranges and meanings are what the
 * registrations declare ({@link org.altmin.api.ParameterInfo}). Printed on stdout.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every registered component by kind (optimizers, losses, regularizers, activations, datasets)"
                + " with its parameters (type, default, valid range) and each optimizer's parts per role.")
public final class ListCommand implements Callable<Integer> {
    /** The kinds, in the order they are listed. */
    static final List<String> KINDS = List.of("optimizers", "losses", "regularizers", "activations", "datasets");

    @Parameters(paramLabel = "KIND", arity = "0..*",
            description = "Only these kinds: optimizers, losses, regularizers, activations, datasets (default: all).")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--module", paramLabel = "CLASS", description = "Extra Guice module to install (repeatable).")
    List<String> modules = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<String> wanted = new ArrayList<>();
        for (String kind : kinds) {
            String k = kind.strip().toLowerCase(Locale.ROOT);
            if (!KINDS.contains(k)) {
                throw InvalidParameterException.of("list", "KIND", "'" + kind + "'", "one of " + KINDS);
            }
            wanted.add(k);
        }
        Injector injector = Wiring.injector(modules);
        PrintWriter out = spec.commandLine().getOut();
        for (String kind : KINDS) {
            if (!wanted.isEmpty() && !wanted.contains(kind)) {
                continue;
            }
            out.println(kind);
            switch (kind) {
                case "optimizers" -> print(out, describe("optimizer", injector, Registries.OPTIMIZER_MAP));
                case "losses" -> print(out, describe("loss", injector, Registries.LOSS_MAP));
                case "regularizers" -> print(out, describe("regularizer", injector, Registries.REGULARIZER_MAP));
                case "activations" -> print(out, describe("activation", injector, Registries.ACTIVATION_MAP));
                default -> new TreeSet<>(injector.getInstance(Key.get(DataSets.MAP)).keySet())
                        .forEach(name -> out.println("  " + name));
            }
        }
        out.flush();
        return AltminCli.EXIT_OK;
    }

    private static <T> List<ComponentDescription> describe(String kind, Injector injector,
            com.google.inject.TypeLiteral<Map<String, ComponentFactory<T>>> registry) {
        return Registries.describeAll(kind, injector.getInstance(Key.get(registry)));
    }

    /** Components as indented text: name, then one line per parameter and per part. */
    static void print(PrintWriter out, List<ComponentDescription> components) {
        for (ComponentDescription c : components) {
            print(out, c, "  ");
        }
    }

    private static void print(PrintWriter out, ComponentDescription c, String indent) {
        out.println(indent + c.name() + (c.error().isEmpty() ? "" : "  (" + c.error() + ")"));
        int width = c.parameters().stream().mapToInt(p -> p.name().length()).max().orElse(0);
        int typeWidth = c.parameters().stream().mapToInt(p -> p.type().length()).max().orElse(0);
        int defaultWidth = c.parameters().stream().mapToInt(p -> String.valueOf(p.defaultValue()).length()).max()
                .orElse(0);
        int rangeWidth = c.parameters().stream().mapToInt(p -> p.range().length()).max().orElse(0) + 1;
        for (ComponentDescription.Parameter p : c.parameters()) {
            out.println(String.format(Locale.ROOT, "%s  %-" + width + "s  %-" + typeWidth + "s  default %-"
                    + defaultWidth + "s  %-" + rangeWidth + "s  %s", indent, p.name(), p.type(), p.defaultValue(),
                    p.range(), p.description()).stripTrailing());
        }
        for (ComponentDescription.Part part : c.parts()) {
            List<String> names = part.choices().stream().map(ComponentDescription::name).toList();
            out.println(indent + "  part " + part.role() + " (" + part.kind() + "): default " + part.defaultName()
                    + "; choices " + String.join(", ", names));
            for (ComponentDescription choice : part.choices()) {
                if (!choice.parameters().isEmpty() || !choice.parts().isEmpty() || !choice.error().isEmpty()) {
                    print(out, choice, indent + "    ");
                }
            }
        }
    }
}
