package org.altmin.solvers.dlam;

import java.util.List;
import java.util.function.LongFunction;
import org.altmin.activations.HardTanh;
import org.altmin.activations.Identity;
import org.altmin.activations.LeakyRelu;
import org.altmin.activations.Relu;
import org.altmin.activations.Sigmoid;
import org.altmin.activations.Tanh;
import org.altmin.api.BlockTrial;
import org.altmin.api.BlockUpdate;
import org.altmin.api.Loss;
import org.altmin.api.QuasilinearActivation;
import org.altmin.api.Regularizer;
import org.altmin.losses.CrammerSingerHingeLoss;
import org.altmin.losses.ElasticNetRegularizer;
import org.altmin.losses.L1Regularizer;
import org.altmin.losses.L2Regularizer;
import org.altmin.losses.MulticlassHingeLoss;
import org.altmin.losses.NoRegularizer;
import org.altmin.losses.SoftmaxCrossEntropyLoss;
import org.altmin.losses.SquareLoss;
import org.altmin.verification.contracts.BlockContract;
import org.junit.jupiter.api.Nested;

/** Every shipped DLAM block satisfies the block contracts (Lemmas 1 and 3) with the shipped components. */
class ShippedBlockContractsTest {
    static final List<Loss> LOSSES = List.of(new SquareLoss(), new SoftmaxCrossEntropyLoss(), new MulticlassHingeLoss(),
            new CrammerSingerHingeLoss());
    static final List<Regularizer> REGULARIZERS = List.of(new NoRegularizer(), new L2Regularizer(0.5),
            new L1Regularizer(0.1), new ElasticNetRegularizer(0.05, 0.2));
    static final List<QuasilinearActivation> ACTIVATIONS = List.of(new Relu(), new LeakyRelu(), new Tanh(),
            new Sigmoid(), new HardTanh(), new Identity());

    static LongFunction<BlockTrial> trials(String role, BlockUpdate<DlamContext> block) {
        return DlamBlockTrials.of(role, block, LOSSES, REGULARIZERS, ACTIVATIONS);
    }

    @Nested
    class WBacktrackContract implements BlockContract {
        public LongFunction<BlockTrial> trials() {
            return ShippedBlockContractsTest.trials("W", new WBacktrack());
        }
    }

    @Nested
    class WExactContract implements BlockContract {
        public LongFunction<BlockTrial> trials() {
            return ShippedBlockContractsTest.trials("W", new WExact());
        }
    }

    @Nested
    class BExactContract implements BlockContract {
        public LongFunction<BlockTrial> trials() {
            return ShippedBlockContractsTest.trials("b", new BExact());
        }
    }

    @Nested
    class ZClipContract implements BlockContract {
        public LongFunction<BlockTrial> trials() {
            return ShippedBlockContractsTest.trials("z", new ZClip());
        }
    }

    @Nested
    class ZLProxContract implements BlockContract {
        public LongFunction<BlockTrial> trials() {
            return ShippedBlockContractsTest.trials("zL", new ZLProx());
        }
    }

    @Nested
    class ABacktrackContract implements BlockContract {
        public LongFunction<BlockTrial> trials() {
            return ShippedBlockContractsTest.trials("a", new ABacktrack());
        }
    }
}
