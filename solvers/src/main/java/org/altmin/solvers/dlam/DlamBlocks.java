package org.altmin.solvers.dlam;

import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.altmin.api.BlockUpdate;
import org.altmin.api.ComponentFactory;
import org.altmin.api.InvalidParameterException;
import org.altmin.api.Params;
import org.altmin.api.State;
import org.altmin.solvers.core.BlockSweep;

/**
 * The five block updates of one DLAM sweep (Algorithm 1 of Wang et al., arXiv:1811.04187), each chosen by name from
 * the registry of its role, as the optimizer spec's parts {@code W, b, z, zL, a}. Each role has its own registry
 * ({@link #registry(Binder, String)}), so a name is validated for its role when the spec is resolved:
 * {@code parts: {W: {name: z-clip}}} is rejected, listing the W blocks. mDLAM uses the same registries.
 *
 * @param w  W_l, Algorithm 2 (default {@link WBacktrack#NAME})
 * @param b  b_l, equations 2-3 (default {@link BExact#NAME})
 * @param z  z_l for l &lt; L, equation 4 (default {@link ZClip#NAME})
 * @param zL z_L, equation 5 (default {@link ZLProx#NAME})
 * @param a  a_l for l &lt; L, Algorithm 3 (default {@link ABacktrack#NAME})
 */
public record DlamBlocks(
        BlockUpdate<DlamContext> w,
        BlockUpdate<DlamContext> b,
        BlockUpdate<DlamContext> z,
        BlockUpdate<DlamContext> zL,
        BlockUpdate<DlamContext> a) {
    /** The roles, in sweep order within a layer. */
    public static final List<String> ROLES = List.of("W", "b", "z", "zL", "a");
    /** The type of every role's registry. */
    public static final TypeLiteral<ComponentFactory<BlockUpdate<DlamContext>>> KIND = new TypeLiteral<>() {};
    /** The injectable registry type (qualified by {@link #key(String)}). */
    public static final TypeLiteral<Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> MAP = new TypeLiteral<>() {};

    public DlamBlocks {
        if (w == null || b == null || z == null || zL == null || a == null) {
            throw InvalidParameterException.of(DlamConfig.COMPONENT, "blocks", "null", "all five blocks set");
        }
    }

    /**
     * The registry of DLAM blocks for {@code role} (one of {@link #ROLES}): a researcher's module adds a W block
     * with {@code DlamBlocks.registry(binder(), "W").addBinding("my-w").toInstance(p -> new MyW())}.
     */
    public static MapBinder<String, ComponentFactory<BlockUpdate<DlamContext>>> registry(Binder binder, String role) {
        checkRole(role);
        return MapBinder.newMapBinder(binder, TypeLiteral.get(String.class), KIND, Names.named(qualifier(role)));
    }

    /** The injection key of {@code role}'s registry. */
    public static Key<Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> key(String role) {
        checkRole(role);
        return Key.get(MAP, Names.named(qualifier(role)));
    }

    private static String qualifier(String role) {
        return "dlam.block." + role;
    }

    private static void checkRole(String role) {
        if (!ROLES.contains(role)) {
            throw InvalidParameterException.of(DlamConfig.COMPONENT, "role", "'" + role + "'", "one of " + ROLES);
        }
    }

    /** The paper's blocks. */
    public static DlamBlocks defaults() {
        return new DlamBlocks(new WBacktrack(), new BExact(), new ZClip(), new ZLProx(), new ABacktrack());
    }

    /** The shipped blocks of {@code role} by name (what {@link DlamModule} registers). */
    public static Map<String, ComponentFactory<BlockUpdate<DlamContext>>> shipped(String role) {
        return switch (role) {
            case "W" -> Map.of(WBacktrack.NAME, p -> new WBacktrack(), WExact.NAME, p -> new WExact());
            case "b" -> Map.of(BExact.NAME, p -> new BExact());
            case "z" -> Map.of(ZClip.NAME, p -> new ZClip());
            case "zL" -> Map.of(ZLProx.NAME, p -> new ZLProx());
            case "a" -> Map.of(ABacktrack.NAME, p -> new ABacktrack());
            default -> throw InvalidParameterException.of(DlamConfig.COMPONENT, "role", "'" + role + "'", "one of " + ROLES);
        };
    }

    /** Reads the parts W, b, z, zL, a from the optimizer's params, each from its role's registry. */
    public static DlamBlocks fromParams(Params p, Map<String, Map<String, ComponentFactory<BlockUpdate<DlamContext>>>> registries) {
        return new DlamBlocks(
                p.part("W", WBacktrack.NAME, registries.get("W"), "DLAM W block"),
                p.part("b", BExact.NAME, registries.get("b"), "DLAM b block"),
                p.part("z", ZClip.NAME, registries.get("z"), "DLAM z block"),
                p.part("zL", ZLProx.NAME, registries.get("zL"), "DLAM zL block"),
                p.part("a", ABacktrack.NAME, registries.get("a"), "DLAM a block"));
    }

    /** The block of {@code role}. */
    public BlockUpdate<DlamContext> block(String role) {
        return switch (role) {
            case "W" -> w;
            case "b" -> b;
            case "z" -> z;
            case "zL" -> zL;
            case "a" -> a;
            default -> throw InvalidParameterException.of(DlamConfig.COMPONENT, "role", "'" + role + "'", "one of " + ROLES);
        };
    }

    /** Every block's {@link BlockUpdate#prepare} for each layer it serves in a network of {@code layers} layers. */
    public void prepare(org.altmin.api.Problem problem) {
        for (BlockSweep.Step<DlamContext> step : sweep(problem.layers()).steps()) {
            step.update().prepare(problem, step.layer());
        }
    }

    /**
     * Algorithm 1's sweep for L = {@code layers}: for l = 1..L the W, b, z (zL for l = L) and, for l &lt; L, a blocks.
     * Blocks that reject their input become a diagnosis naming the role and layer ({@link BlockSweep}); a non-finite
     * value is left to the measurement of F, which names the term.
     */
    public BlockSweep<DlamContext> sweep(int layers) {
        List<BlockSweep.Step<DlamContext>> steps = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            steps.add(new BlockSweep.Step<>(State.W, l, "W block", w));
            steps.add(new BlockSweep.Step<>(State.B, l, "b block", b));
            if (l < layers) {
                steps.add(new BlockSweep.Step<>(State.Z, l, "z block", z));
                steps.add(new BlockSweep.Step<>(State.A, l, "a block", a));
            } else {
                steps.add(new BlockSweep.Step<>(State.Z, l, "zL block", zL));
            }
        }
        return new BlockSweep<>(steps, false);
    }
}
