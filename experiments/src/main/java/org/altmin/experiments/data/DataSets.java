package org.altmin.experiments.data;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import java.util.Map;
import java.util.TreeSet;
import org.altmin.api.DataSpec;
import org.altmin.api.InvalidParameterException;

/**
 * The Guice registry of data sets by name, like the component registries of {@link org.altmin.api.Registries}:
 * a module adds one with {@code DataSets.registry(binder()).addBinding("iris").toInstance(myDataSet)}.
 */
public final class DataSets {
    private DataSets() {}

    /** Key for injecting the whole registry: {@code @Inject Map<String, DataSet>}. */
    public static final TypeLiteral<Map<String, DataSet>> MAP = new TypeLiteral<>() {};

    public static MapBinder<String, DataSet> registry(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, DataSet.class);
    }

    /**
     * Loads the data set {@code spec} names.
     *
     * @throws InvalidParameterException for an unknown name, listing the known ones
     */
    public static LoadedData load(Map<String, DataSet> registry, DataSpec spec, LoadContext context) {
        DataSet dataSet = registry.get(spec.name());
        if (dataSet == null) {
            throw InvalidParameterException.of("dataset", "name", "'" + spec.name() + "'",
                    "one of " + new TreeSet<>(registry.keySet()));
        }
        return dataSet.load(spec, context);
    }
}
