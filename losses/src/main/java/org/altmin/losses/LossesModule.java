package org.altmin.losses;

import com.google.inject.AbstractModule;
import java.util.List;
import org.altmin.api.ComponentFactory;
import org.altmin.api.ParameterInfo;
import org.altmin.api.Registries;

/**
 * Registers the shipped risks and regularizers by name, for {@link Registries#resolve}:
 * <ul>
 *   <li>losses: {@value SquareLoss#NAME}, {@value SoftmaxCrossEntropyLoss#NAME} (params "proxTolerance",
 *       "proxMaxIterations"), {@value MulticlassHingeLoss#NAME} (param "margin"),
 *       {@value CrammerSingerHingeLoss#NAME} (param "margin");</li>
 *   <li>regularizers: {@value NoRegularizer#NAME}, {@value L2Regularizer#NAME} (param "lambda"),
 *       {@value L1Regularizer#NAME} (param "lambda"), {@value ElasticNetRegularizer#NAME} (params "lambda1",
 *       "lambda2").</li>
 * </ul>
 * Listed in {@code META-INF/services/com.google.inject.Module}, so the CLI loads it with {@link java.util.ServiceLoader}.
 */
public final class LossesModule extends AbstractModule {
    /** The hinge losses' margin. */
    private static final ParameterInfo MARGIN = ParameterInfo.of("margin", "> 0 and finite", "the margin of the hinge");
    @Override
    protected void configure() {
        var losses = Registries.losses(binder());
        losses.addBinding(SquareLoss.NAME).toInstance(SquareLoss::fromParams);
        losses.addBinding(SoftmaxCrossEntropyLoss.NAME).toInstance(ComponentFactory.described(
                SoftmaxCrossEntropyLoss::fromParams, List.of(
                        ParameterInfo.of("proxTolerance", "> 0 and finite", "the stopping tolerance of the prox (equation 5): "
                                + "the largest column gradient norm"),
                        ParameterInfo.of("proxMaxIterations", ">= 1", "the most evaluations per prox"))));
        losses.addBinding(MulticlassHingeLoss.NAME).toInstance(ComponentFactory.described(
                MulticlassHingeLoss::fromParams, List.of(MARGIN)));
        losses.addBinding(CrammerSingerHingeLoss.NAME).toInstance(ComponentFactory.described(
                CrammerSingerHingeLoss::fromParams, List.of(MARGIN)));

        var regularizers = Registries.regularizers(binder());
        regularizers.addBinding(NoRegularizer.NAME).toInstance(NoRegularizer::fromParams);
        regularizers.addBinding(L2Regularizer.NAME).toInstance(ComponentFactory.described(L2Regularizer::fromParams,
                List.of(ParameterInfo.of("lambda", ">= 0 and finite", "the weight of (lambda/2)||W||_F^2"))));
        regularizers.addBinding(L1Regularizer.NAME).toInstance(ComponentFactory.described(L1Regularizer::fromParams,
                List.of(ParameterInfo.of("lambda", ">= 0 and finite", "the weight of lambda ||W||_1"))));
        regularizers.addBinding(ElasticNetRegularizer.NAME).toInstance(ComponentFactory.described(
                ElasticNetRegularizer::fromParams, List.of(
                        ParameterInfo.of("lambda1", ">= 0 and finite", "the weight of lambda1 ||W||_1"),
                        ParameterInfo.of("lambda2", ">= 0 and finite", "the weight of (lambda2/2)||W||_F^2"))));
    }
}
