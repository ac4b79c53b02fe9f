package org.altmin.api;

import java.util.List;
import java.util.Objects;

/**
 * What a component declares about one of its parameters, for {@code altmin list} and other tools: its name, its
 * valid range (the text its validation's message uses, e.g. {@code "> 0 and finite"}) and what it means. The
 * parameter's type and default are not declared: {@link Registries#describe} reads them from the factory itself (the
 * value {@link Params} records when the factory reads the parameter with no value given), so they cannot drift from
 * what a run uses.
 *
 * <p>A registration declares its parameters with {@link ComponentFactory#described}, e.g.
 * {@code Registries.losses(binder()).addBinding("huber").toInstance(ComponentFactory.described(HuberLoss::fromParams,
 * List.of(ParameterInfo.of("delta", "> 0 and finite", "the quadratic zone's half-width"))))}.
 *
 * @param name        the parameter's name, as a spec gives it
 * @param range       the valid values, e.g. {@code "> 0 and finite"}, {@code "in (0, 1)"}, {@code ">= 1"}; empty
 *                    where any value of the type is valid
 * @param description what the parameter means, briefly (with the paper's equation where there is one)
 */
public record ParameterInfo(String name, String range, String description) {
    public ParameterInfo {
        if (name == null || name.isBlank()) {
            throw InvalidParameterException.of("ParameterInfo", "name", name, "a non-blank parameter name");
        }
        range = Objects.requireNonNullElse(range, "");
        description = Objects.requireNonNullElse(description, "");
    }

    /** A declared parameter. */
    public static ParameterInfo of(String name, String range, String description) {
        return new ParameterInfo(name, range, description);
    }

    /** {@code first} followed by {@code more}: a component's declarations made of shared and own parts. */
    public static List<ParameterInfo> concat(List<ParameterInfo> first, ParameterInfo... more) {
        List<ParameterInfo> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
