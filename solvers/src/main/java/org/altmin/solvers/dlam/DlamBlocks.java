package org.altmin.solvers.dlam;

import com.google.inject.TypeLiteral;
import java.util.Map;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ComponentFactory;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Params;

/**
 * The five block updates of one DLAM sweep (Algorithm 1 of Wang et al., arXiv:1811.04187), each chosen by name
 * from the DLAM block registry ({@link #KIND}), as the optimizer spec's parts {@code W, b, z, zL, a}.
 *
 * @param w  W_l, Algorithm 2 (default {@link WBacktrack#NAME})
 * @param b  b_l, equations 2-3 (default {@link BExact#NAME})
 * @param z  z_l for l < L, equation 4 (default {@link ZClip#NAME})
 * @param zL z_L, equation 5 (default {@link ZLProx#NAME})
 * @param a  a_l for l < L, Algorithm 3 (default {@link ABacktrack#NAME})
 */
public record DlamBlocks(
        BlockUpdate<DlamContext> w,
        BlockUpdate<DlamContext> b,
        BlockUpdate<DlamContext> z,
        BlockUpdate<DlamContext> zL,
        BlockUpdate<DlamContext> a) {
    /** The registry's type: {@code Registries.registry(binder(), DlamBlocks.KIND).addBinding(name)...}. */
    public static final TypeLiteral<ComponentFactory<BlockUpdate<DlamContext>>> KIND = new TypeLiteral<>() {};
    /** The injectable registry. */
    public static final TypeLiteral<Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> MAP = new TypeLiteral<>() {};

    public DlamBlocks {
        if (w == null || b == null || z == null || zL == null || a == null) {
            throw InvalidParameterException.of(DlamConfig.COMPONENT, "blocks", "null", "all five blocks set");
        }
    }

    /** The paper's blocks. */
    public static DlamBlocks defaults() {
        return new DlamBlocks(new WBacktrack(), new BExact(), new ZClip(), new ZLProx(), new ABacktrack());
    }

    /** The shipped blocks by name (what {@link DlamModule} registers). */
    public static Map<String, ComponentFactory<BlockUpdate<DlamContext>>> shipped() {
        return Map.of(
                WBacktrack.NAME, p -> new WBacktrack(),
                WExact.NAME, p -> new WExact(),
                BExact.NAME, p -> new BExact(),
                ZClip.NAME, p -> new ZClip(),
                ZLProx.NAME, p -> new ZLProx(),
                ABacktrack.NAME, p -> new ABacktrack());
    }

    /** Reads the parts W, b, z, zL, a from the optimizer's params. */
    public static DlamBlocks fromParams(Params p, Map<String, ComponentFactory<BlockUpdate<DlamContext>>> registry) {
        return new DlamBlocks(
                p.part("W", WBacktrack.NAME, registry, "DLAM W block"),
                p.part("b", BExact.NAME, registry, "DLAM b block"),
                p.part("z", ZClip.NAME, registry, "DLAM z block"),
                p.part("zL", ZLProx.NAME, registry, "DLAM zL block"),
                p.part("a", ABacktrack.NAME, registry, "DLAM a block"));
    }
}
