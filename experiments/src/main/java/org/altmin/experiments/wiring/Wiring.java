package org.altmin.experiments.wiring;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Loss;
import org.altmin.api.NetworkSpec;
import org.altmin.api.Optimizer;
import org.altmin.api.Problem;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Registries;
import org.altmin.api.Regularizer;
import org.altmin.api.RunSpec;
import org.altmin.experiments.data.DataPreparation;
import org.altmin.experiments.data.DataSets;
import org.altmin.experiments.data.LoadContext;
import org.altmin.experiments.data.LoadedData;

/**
 * Turns a {@link RunSpec} into a runnable {@link Assembly}: the Guice injector from every module on the class
 * path ({@link ServiceLoader}) plus the plug-ins the spec names, the components looked up by name in the
 * registries, the data, the network and the {@link Problem}.
 */
public final class Wiring {
    private static final String COMPONENT = "RunSpec";

    private Wiring() {}

    /**
     * An injector from all {@code com.google.inject.Module}s found by {@link ServiceLoader} and the classes named
     * in {@code extraModules} (each loaded once, however it was found).
     *
     * @throws InvalidParameterException for a missing class, a class that is not a Module, or conflicting bindings
     */
    public static Injector injector(List<String> extraModules) {
        List<Module> modules = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        try {
            for (Module module : ServiceLoader.load(Module.class, classLoader())) {
                if (seen.add(module.getClass().getName())) {
                    modules.add(module);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new InvalidParameterException(COMPONENT, "modules", "could not load a module listed in "
                    + "META-INF/services/com.google.inject.Module: " + e.getMessage());
        }
        for (String name : extraModules) {
            if (seen.add(name.strip())) {
                modules.add(instantiate(name.strip()));
            }
        }
        // Record each module's bindings first (this runs its configure() once), so that a module whose configure()
        // throws is named in one line instead of Guice's report with the full stack trace.
        List<Element> elements = new ArrayList<>();
        for (Module module : modules) {
            List<Element> recorded = Elements.getElements(module);
            for (Element element : recorded) {
                if (element instanceof com.google.inject.spi.Message message && message.getCause() != null) {
                    Throwable cause = message.getCause();
                    throw new InvalidParameterException(COMPONENT, "modules", "'" + module.getClass().getName()
                            + "' failed in configure(): " + cause.getClass().getSimpleName()
                            + (cause.getMessage() != null ? ": " + cause.getMessage() : ""));
                }
            }
            elements.addAll(recorded);
        }
        try {
            return Guice.createInjector(Elements.getModule(elements));
        } catch (CreationException e) {
            throw new InvalidParameterException(COMPONENT, "modules", "could not be combined: " + firstLines(e));
        }
    }

    /** Guice's error messages without their stack traces, one per line. */
    private static String firstLines(CreationException e) {
        List<String> lines = new ArrayList<>();
        for (com.google.inject.spi.Message message : e.getErrorMessages()) {
            lines.add(message.getMessage().lines().findFirst().orElse("").strip());
        }
        return String.join("; ", lines);
    }

    /**
     * The plug-in module classes a run with {@code extraModules} installs: those found by {@link ServiceLoader} and
     * those named, outside altmin's own packages ({@code org.altmin}), each once, in order.
     */
    public static List<Class<?>> pluginModules(List<String> extraModules) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        try {
            ServiceLoader.load(Module.class, classLoader()).stream().forEach(p -> classes.add(p.type()));
        } catch (ServiceConfigurationError e) {
            // reported by injector()
        }
        for (String name : extraModules) {
            try {
                classes.add(Class.forName(name.strip(), false, classLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                // reported by injector()
            }
        }
        return classes.stream().filter(c -> !c.getName().startsWith("org.altmin.")).toList();
    }

    private static Module instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw InvalidParameterException.of(COMPONENT, "modules", "'" + className + "'",
                    "the name of a class on the class path implementing com.google.inject.Module (class not found)");
        }
        if (!Module.class.isAssignableFrom(type)) {
            throw InvalidParameterException.of(COMPONENT, "modules", "'" + className + "' (a " + type.getSuperclass()
                    + ")", "a class implementing com.google.inject.Module");
        }
        try {
            return (Module) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw InvalidParameterException.of(COMPONENT, "modules", "'" + className + "'",
                    "a Module with a public no-argument constructor (" + e + ")");
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Wiring.class.getClassLoader();
    }

    /** The components of a spec, resolved by name, before any data is loaded. */
    public record Components(Registries.Resolved<Loss> loss, Registries.Resolved<Regularizer> regularizer,
            Registries.Resolved<QuasilinearActivation> activation, Registries.Resolved<Optimizer> optimizer) {}

    /**
     * Builds each component by name (cheap: only parameters are checked), so that a bad name or parameter
     * fails before data is loaded or a run directory exists.
     */
    public static Components components(RunSpec spec, Injector injector) {
        return new Components(
                Registries.resolve("loss", injector.getInstance(Key.get(Registries.LOSS_MAP)), spec.loss()),
                Registries.resolve("regularizer", injector.getInstance(Key.get(Registries.REGULARIZER_MAP)),
                        spec.regularizer()),
                Registries.resolve("activation", injector.getInstance(Key.get(Registries.ACTIVATION_MAP)),
                        spec.activation()),
                Registries.resolve("optimizer", injector.getInstance(Key.get(Registries.OPTIMIZER_MAP)),
                        spec.optimizer()));
    }

    /**
     * Resolves the components, loads the data and builds the problem.
     *
     * @param context dtype, seed and data directory; its dtype and seed must be the spec's
     */
    public static Assembly assemble(RunSpec spec, Injector injector, LoadContext context) {
        return assemble(spec, components(spec, injector), injector, context);
    }

    /** As {@link #assemble(RunSpec, Injector, LoadContext)}, with the components already resolved. */
    public static Assembly assemble(RunSpec spec, Components components, Injector injector, LoadContext context) {
        if (context.dtype() != spec.dataType() || context.seed() != spec.seed()) {
            throw InvalidParameterException.of("Wiring", "context", context.dtype() + "/" + context.seed(),
                    "the spec's dtype and seed " + spec.dtype() + "/" + spec.seed());
        }
        DataPreparation.check(spec.data());
        LoadedData loaded = DataPreparation.apply(DataSets.load(injector.getInstance(Key.get(DataSets.MAP)),
                DataPreparation.strip(spec.data()), context), spec.data(), spec.seed());
        if (loaded.data().outputs() < 2) {
            throw InvalidParameterException.of(spec.data().name(), "classes", loaded.data().outputs()
                    + (loaded.classNames().isEmpty() ? "" : " " + loaded.classNames()) + " in the training data",
                    ">= 2 (a single class leaves nothing to learn)");
        }
        List<Integer> widths = new ArrayList<>();
        widths.add(loaded.data().features());
        widths.addAll(spec.hiddenWidths());
        widths.add(loaded.data().outputs());
        NetworkSpec network = new NetworkSpec(widths);
        Problem problem = Problem.uniform(network, loaded.data(), components.loss().component(),
                components.regularizer().component(), components.activation().component(), spec.seed());
        RunSpec resolved = new RunSpec(components.optimizer().spec(), components.loss().spec(),
                components.regularizer().spec(), components.activation().spec(), spec.hiddenWidths(),
                loaded.resolved(), spec.iterations(), spec.seed(), spec.dtype(), spec.modules());
        return new Assembly(resolved, problem, components.optimizer().component(), loaded);
    }
}
