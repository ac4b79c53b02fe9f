package org.altmin.api;

import java.util.List;

/**
 * A registered component as {@code altmin list} shows it: its parameters (name, type, default, range, meaning) and
 * its parts (e.g. DLAM's blocks per role, with every registered choice), built by {@link Registries#describe}.
 *
 * @param kind       the registry's kind, e.g. {@code "loss"} or {@code "DLAM W block"}
 * @param name       the registered name
 * @param parameters every parameter the component reads, in the order it reads them
 * @param parts      every part it reads, in the order it reads them
 * @param error      why the component could not be built with its defaults (then nothing else is known); empty
 *                   otherwise
 */
public record ComponentDescription(String kind, String name, List<Parameter> parameters, List<Part> parts,
        String error) {
    public ComponentDescription {
        parameters = List.copyOf(parameters);
        parts = List.copyOf(parts);
        error = error == null ? "" : error;
    }

    /**
     * One parameter.
     *
     * @param name         its name
     * @param type         {@code number}, {@code integer}, {@code true|false}, {@code string}, or an enum's constants
     *                     as {@code he|xavier|unit}
     * @param defaultValue the value a spec that omits it gets (a Double, Integer, Boolean or String)
     * @param range        the declared valid range ({@link ParameterInfo#range()}); empty when undeclared or any
     * @param description  the declared meaning; empty when undeclared
     */
    public record Parameter(String name, String type, Object defaultValue, String range, String description) {}

    /**
     * One part: a role filled by a component of another registry.
     *
     * @param role        the role, as a spec's {@code parts} names it (e.g. {@code W})
     * @param kind        the part's registry kind (e.g. {@code DLAM W block})
     * @param defaultName the part used when a spec names none
     * @param choices     every component registered for the role, described, by name
     */
    public record Part(String role, String kind, String defaultName, List<ComponentDescription> choices) {
        public Part {
            choices = List.copyOf(choices);
        }
    }
}
