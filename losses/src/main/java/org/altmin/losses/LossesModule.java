package org.altmin.losses;

import com.google.inject.AbstractModule;
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
    @Override
    protected void configure() {
        var losses = Registries.losses(binder());
        losses.addBinding(SquareLoss.NAME).toInstance(SquareLoss::fromParams);
        losses.addBinding(SoftmaxCrossEntropyLoss.NAME).toInstance(SoftmaxCrossEntropyLoss::fromParams);
        losses.addBinding(MulticlassHingeLoss.NAME).toInstance(MulticlassHingeLoss::fromParams);
        losses.addBinding(CrammerSingerHingeLoss.NAME).toInstance(CrammerSingerHingeLoss::fromParams);

        var regularizers = Registries.regularizers(binder());
        regularizers.addBinding(NoRegularizer.NAME).toInstance(NoRegularizer::fromParams);
        regularizers.addBinding(L2Regularizer.NAME).toInstance(L2Regularizer::fromParams);
        regularizers.addBinding(L1Regularizer.NAME).toInstance(L1Regularizer::fromParams);
        regularizers.addBinding(ElasticNetRegularizer.NAME).toInstance(ElasticNetRegularizer::fromParams);
    }
}
