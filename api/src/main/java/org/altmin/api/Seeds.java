package org.altmin.api;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One master seed, split per component: {@code Seeds.split(master, "dlam.init")} gives a stream seed that
 * depends only on the master seed and the label, so adding a component never shifts another's random numbers.
 * There is no global RNG anywhere in altmin.
 */
public final class Seeds {
    private Seeds() {}

    /** A seed derived from {@code master} and {@code label} (SplittableRandom's mixing of a label hash). */
    public static long split(long master, String label) {
        long h = 1125899906842597L;
        for (byte c : label.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + c;
        }
        return new SplittableRandom(master ^ h).nextLong();
    }
}
