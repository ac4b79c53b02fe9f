package org.example.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.altmin.api.ComponentSpec;
import org.altmin.api.DataSpec;
import org.altmin.api.Evaluation;
import org.altmin.api.RunSpec;
import org.altmin.api.TrainingData;
import org.altmin.experiments.model.Model;
import org.altmin.experiments.run.RunOptions;
import org.altmin.experiments.run.RunOutcome;
import org.altmin.experiments.run.Runner;
import org.altmin.experiments.wiring.Assembly;

public final class Quickstart {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "runs");
        RunSpec spec = new RunSpec(ComponentSpec.of("dlam").withParam("rho", 0.1), null, null, null, List.of(16),
                new DataSpec("synthetic", 600, 200, null), 40, 7L, null, null);   // 10 features, 3 classes
        Runner runner = new Runner(RunOptions.builder(spec).output(out).name("quickstart").build());
        Assembly prepared = runner.prepare();                    // resolve, wire, load, check: nothing written yet
        RunOutcome outcome = runner.run(prepared);                // train; the run directory holds model.npz/.json
        TrainingData data = prepared.data().data();
        Model trained = Model.load(outcome.directory());
        Evaluation e = trained.evaluate(data);                    // evaluate: mean loss and accuracy, train and test
        Path copy = Files.createDirectories(out.resolve("quickstart-model"));
        trained.save(copy);                                       // save (atomically) elsewhere
        Model loaded = Model.load(copy);                          // load
        int[] predicted = loaded.predictClasses(data.xTest());    // predict: one class per test sample
        System.out.printf("%s after %d iterations: test accuracy %.4f (run summary %.4f); %d predictions%n",
                outcome.status(), outcome.result().iterations(), e.testAccuracy(),
                outcome.summary().testAccuracy(), predicted.length);
    }
}
