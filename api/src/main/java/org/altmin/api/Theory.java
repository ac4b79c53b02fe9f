package org.altmin.api;

import java.util.List;
import java.util.Optional;

/**
 * What an optimizer's paper proves about it, under the optimizer's settings: the claims for each {@link Property}
 * it states, with their conditions. Monitors attach by property: a property without an applicable claim is
 * reported as not applicable, with the claim's condition as the reason, never as a failure.
 *
 * @param paper  the citation
 * @param claims one per property the paper speaks to (a property it does not mention has none)
 */
public record Theory(String paper, List<Claim> claims) {
    public Theory {
        if (paper == null) {
            throw InvalidParameterException.of("Theory", "paper", "null", "a citation");
        }
        claims = List.copyOf(claims);
    }

    /** A method whose paper proves none of the properties (e.g. the ADMM of Taylor et al.). */
    public static Theory none(String paper) {
        return new Theory(paper, List.of());
    }

    /** The claim for {@code property}, if the paper states one. */
    public Optional<Claim> claim(Property property) {
        return claims.stream().filter(c -> c.property() == property).findFirst();
    }

    /** Whether the paper proves {@code property} for at least part of a run under these settings. */
    public boolean proves(Property property) {
        return claim(property).map(Claim::applies).orElse(false);
    }

    /** Why {@code property} is not monitored: the claim's condition, or that the paper does not state it. */
    public String whyNot(Property property) {
        return claim(property).map(Claim::condition)
                .orElse(property.title() + " is not proved for this method (" + paper + ")");
    }
}
