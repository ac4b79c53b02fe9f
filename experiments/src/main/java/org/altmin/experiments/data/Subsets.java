package org.altmin.experiments.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Seeds;

/** Seeded subsets of sample indices: the same master seed always picks the same samples. */
public final class Subsets {
    /** The label of the subset stream: {@code Seeds.split(master, SUBSET_LABEL)}. */
    public static final String SUBSET_LABEL = "data.subset";

    private Subsets() {}

    /** The random stream for the subsets of a run; draw the training subset first, then the test subset. */
    public static SplittableRandom stream(long masterSeed) {
        return new SplittableRandom(Seeds.split(masterSeed, SUBSET_LABEL));
    }

    /**
     * {@code size} distinct indices out of {@code [0, total)}, in increasing order; all of them when {@code size}
     * is 0 (the stream is still advanced, so that the test subset does not depend on the training size being 0).
     *
     * @param what the parameter name for messages, e.g. {@code "trainSize"}
     */
    public static int[] choose(String component, String what, int total, int size, SplittableRandom random) {
        if (size < 0 || size > total) {
            throw InvalidParameterException.of(component, what, size, "in [0, " + total + "] (0 for all " + total + ")");
        }
        SplittableRandom own = random.split();
        if (size == 0 || size == total) {
            int[] all = new int[total];
            Arrays.setAll(all, i -> i);
            return all;
        }
        // Partial Fisher-Yates: the first `size` entries are a uniform sample without replacement.
        int[] perm = new int[total];
        Arrays.setAll(perm, i -> i);
        for (int i = 0; i < size; i++) {
            int j = i + own.nextInt(total - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] chosen = Arrays.copyOf(perm, size);
        Arrays.sort(chosen);
        return chosen;
    }
}
