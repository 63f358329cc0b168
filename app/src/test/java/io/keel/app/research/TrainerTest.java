package io.keel.app.research;

import io.keel.research.ClassifierMetrics;
import io.keel.research.MarketTape;
import io.keel.research.Trainer;
import io.keel.alpha.FeatureVector;
import io.keel.alpha.ModelArtifact;
import io.keel.alpha.TrainedModel;
import io.keel.app.CliRunner;
import io.keel.app.ExitCode;
import io.keel.core.decision.Features;
import io.keel.core.decision.Signal;
import io.keel.core.event.Event;
import io.keel.core.event.EventType;
import io.keel.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest
{
    private static final long SECOND = 1_000_000_000L;

    private static double walkForwardAuc(final ModelArtifact artifact)
    {
        @SuppressWarnings("unchecked")
        final java.util.Map<String, Object> wf = (java.util.Map<String, Object>)artifact.metrics().get("walkForward");
        return ((ClassifierMetrics)wf.get("outOfSample")).auc();
    }

    @ParameterizedTest
    @ValueSource(strings = {"logistic", "gbt"})
    void shouldLearnAPlantedEdgeOutOfSampleAndFindNoneWhenTheLabelsAreShuffled(
        final String kind, @TempDir final Path dir)
    {
        final MarketTape tape = MarketTape.read(SyntheticTapes.write(dir.resolve("j"), 3_000, 0.75, 5), null, false);
        final Trainer.Inputs inputs = Trainer.featureVector(List.of("book_imbalance", "spread_bps", "ema_gap_bps"));
        final Trainer.Options options = Trainer.Options.defaults(kind, SECOND);

        final Trainer.Result honest = new Trainer(options).train(List.of(tape), inputs);
        assertEquals("edge", honest.verdict(), honest.report());
        assertTrue(walkForwardAuc(honest.artifact()) > 0.65, honest.report());

        final Trainer.Result shuffled = new Trainer(options.withShuffledLabels(true)).train(List.of(tape), inputs);
        assertEquals("no out-of-sample edge", shuffled.verdict(), shuffled.report());
        assertTrue(Math.abs(walkForwardAuc(shuffled.artifact()) - 0.5) < 0.06, shuffled.report());
    }

    /** Wraps the daemon's inputs and adds one that peeks at the next quote's mid: the bug the audit must catch. */
    private static Trainer.Inputs leaky(final int lookAhead)
    {
        final Trainer.Inputs honest = Trainer.featureVector(List.of("book_imbalance"));
        return new Trainer.Inputs()
        {
            @Override
            public List<String> names()
            {
                return List.of("book_imbalance", "next_mid");
            }

            @Override
            public List<String> indicators()
            {
                return honest.indicators();
            }

            @Override
            public void bind(final ToIntFunction<String> slotOf)
            {
                honest.bind(slotOf);
            }

            @Override
            public boolean fill(
                final MarketTape tape, final int eventIndex, final int instrumentId, final Features f,
                final double[] row)
            {
                honest.fill(tape, eventIndex, instrumentId, f, row);
                final List<Event> events = tape.events();
                final int at = Math.min(events.size() - 1, eventIndex + lookAhead);
                final Event e = events.get(at);
                row[1] = e.type == EventType.QUOTE ? (e.bidPrice + e.askPrice) / 2.0 - f.mid * 100 : 0;
                return true;
            }
        };
    }

    @Test
    void shouldCatchAnInputComputedFromFutureData(@TempDir final Path dir)
    {
        final MarketTape tape = MarketTape.read(SyntheticTapes.write(dir.resolve("j"), 1_000, 0.5, 3), null, false);
        final Trainer.Options options = Trainer.Options.defaults("logistic", SECOND);
        final Trainer.LookAheadException caught = assertThrows(Trainer.LookAheadException.class,
            () -> new Trainer(options).train(List.of(tape), leaky(1)));
        assertTrue(caught.getMessage().contains("input 'next_mid'"), caught.getMessage());
        assertTrue(caught.getMessage().contains("computed from later data"), caught.getMessage());
        // the same input reading the sample's own event is legitimate: the audit passes it, and training goes on
        // until the export, which refuses an input the daemon cannot compute
        final IllegalArgumentException notLeaky = assertThrows(IllegalArgumentException.class,
            () -> new Trainer(options).train(List.of(tape), leaky(0)));
        assertTrue(!(notLeaky instanceof Trainer.LookAheadException), notLeaky.getMessage());
        assertTrue(notLeaky.getMessage().contains("unknown model input 'next_mid'"), notLeaky.getMessage());
    }

    @Test
    void shouldWriteADeterministicArtifactTheDaemonRunsAsAnAlpha(@TempDir final Path dir) throws Exception
    {
        final Path journal = SyntheticTapes.write(dir.resolve("j"), 2_000, 0.75, 9);
        final CliRunner.Result first = CliRunner.keel("train", "--journal", journal.toString(), "--model", "gbt",
            "--inputs", "book_imbalance,spread_bps", "--out", dir.resolve("a").toString());
        assertEquals(ExitCode.OK, first.exitCode(), first.all());
        assertTrue(first.out().contains("walk-forward") && first.out().contains("purged k-fold (embargo 1s)"),
            first.out());
        final CliRunner.Result second = CliRunner.keel("train", "--journal", journal.toString(), "--model", "gbt",
            "--inputs", "book_imbalance,spread_bps", "--out", dir.resolve("b").toString());
        final byte[] a = Files.readAllBytes(dir.resolve("a/gbt.json"));
        assertEquals(ModelArtifact.sha256(a), ModelArtifact.sha256(Files.readAllBytes(dir.resolve("b/gbt.json"))),
            "same data and seed, same model" + second.all());
        final String sha = ModelArtifact.sha256(a);
        assertTrue(first.out().contains("sha256 " + sha), first.out());

        final ModelArtifact artifact = ModelArtifact.read(dir.resolve("a/gbt.json"), sha);
        final TrainedModel model = new TrainedModel(artifact, 0);
        final Features f = new Features();
        final Signal signal = new Signal();
        f.mid = 65_000;
        f.spreadBps = 0.3;
        f.bookImbalance = 0.8;
        model.evaluate(0, f, signal);
        assertTrue(signal.edgeBps > 0 && signal.confidence > 0, "bid-heavy book: the planted up move");
        assertEquals(SECOND, signal.horizonNs);
        f.bookImbalance = -0.8;
        model.evaluate(0, f, signal);
        assertTrue(signal.edgeBps < 0, "ask-heavy book: down");

        Files.writeString(dir.resolve("a/gbt.json"), Files.readString(dir.resolve("a/gbt.json")).replace(
            "\"shrinkage\" : 0.05", "\"shrinkage\" : 0.5"));
        final IllegalArgumentException edited = assertThrows(IllegalArgumentException.class,
            () -> ModelArtifact.read(dir.resolve("a/gbt.json"), sha));
        assertTrue(edited.getMessage().contains("configuration pins " + sha), edited.getMessage());
    }

    /** A config directory: the built-in one with the trained model enabled in crypto_scalp. */
    static Path configWithTrainedModel(final Path dir, final Path artifact, final String sha) throws Exception
    {
        Files.createDirectories(dir.resolve("modes"));
        for (final String file : List.of("base.yaml", "modes/crypto_scalp.yaml"))
        {
            try (java.io.InputStream in = TrainerTest.class.getResourceAsStream("/keel-config/" + file))
            {
                Files.write(dir.resolve(file), in.readAllBytes());
            }
        }
        Files.writeString(dir.resolve("modes/crypto_scalp.yaml"), "  trained:\n    enabled: true\n    artifact: " +
            artifact + "\n    sha256: \"" + sha + "\"\n", java.nio.file.StandardOpenOption.APPEND);
        return dir;
    }

    @Test
    void shouldRunTheTrainedModelInAReplayAndRefuseAnArtifactThatIsNotThePinnedOne(@TempDir final Path dir)
        throws Exception
    {
        final Path journal = SyntheticTapes.write(dir.resolve("j"), 2_000, 0.75, 9);
        assertEquals(ExitCode.OK, CliRunner.keel("train", "--journal", journal.toString(), "--model", "logistic",
            "--inputs", "book_imbalance,spread_bps", "--out", dir.resolve("m").toString()).exitCode());
        final Path artifact = dir.resolve("m/logistic.json");
        final String sha = ModelArtifact.sha256(Files.readAllBytes(artifact));
        final Path config = configWithTrainedModel(dir.resolve("cfg"), artifact, sha);
        final CliRunner.Result replay = CliRunner.keel("replay", "--journal", journal.toString(), "--config-dir",
            config.toString());
        assertEquals(ExitCode.OK, replay.exitCode(), replay.all());
        assertTrue(replay.out().lines().anyMatch(l -> l.trim().startsWith("trained ")), replay.out());

        final Path wrong = configWithTrainedModel(dir.resolve("cfg2"), artifact, "0".repeat(64));
        // (quoted: an all-digit hash would otherwise be read as a YAML number and refused as such)
        final CliRunner.Result refused = CliRunner.keel("replay", "--journal", journal.toString(), "--config-dir",
            wrong.toString());
        assertEquals(ExitCode.BAD_INPUT, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("not the model this configuration was made with"), refused.all());
    }

    @Test
    void shouldTrainOnTheRealCaptureAndLoseTheEdgeOnShuffledLabels(@TempDir final Path dir)
    {
        final Path input = SharedData.require("binance-raw/spot_btcusdt_20240808.txt");
        assertEquals(ExitCode.OK, CliRunner.keel("import", "--format", "binance-raw", "--input", input.toString(),
            "--out", dir.toString()).exitCode());
        final MarketTape tape = MarketTape.read(dir.resolve("20240808"), null, false);
        final Trainer.Inputs inputs = Trainer.featureVector(FeatureVector.TICK_DEFAULT);
        final Trainer.Options options = Trainer.Options.defaults("gbt", SECOND).withSampleNs(200_000_000L);
        final Trainer.Result real = new Trainer(options).train(List.of(tape), inputs);
        assertEquals("edge", real.verdict(), real.report());
        final Trainer.Result shuffled = new Trainer(options.withShuffledLabels(true)).train(List.of(tape), inputs);
        assertEquals("no out-of-sample edge", shuffled.verdict(), shuffled.report());
        assertNotEquals(walkForwardAuc(real.artifact()), walkForwardAuc(shuffled.artifact()));
        final List<String> journals = new ArrayList<>();
        @SuppressWarnings("unchecked")
        final List<String> trainedOn = (List<String>)real.artifact().trainedOn().get("journals");
        journals.addAll(trainedOn);
        assertEquals(List.of(dir.resolve("20240808").toString()), journals);
    }
}
