package io.keel.config;

import io.keel.core.AssetClass;
import io.keel.core.FixedPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest
{
    private static final Path SHIPPED = Path.of("").toAbsolutePath();

    @ParameterizedTest
    @ValueSource(strings = {"crypto_scalp", "crypto_swing", "stocks_intraday", "stocks_swing"})
    void shouldLoadEveryShippedModeFromDirectoryAndJar(final String mode)
    {
        final LoadedConfig fromDir = ConfigLoader.load(ConfigSource.directory(SHIPPED), mode);
        final LoadedConfig fromJar = ConfigLoader.load(ConfigSource.builtIn(), mode);
        assertEquals(mode, fromDir.mode());
        assertEquals(fromDir.sha256(), fromJar.sha256());
        assertTrue(fromDir.instruments().size() >= 1);
        final AssetClass expected = mode.startsWith("crypto") ? AssetClass.CRYPTO_SPOT : AssetClass.EQUITY;
        assertEquals(expected, fromDir.instruments().get(0).assetClass());
    }

    @Test
    void shouldMergeModeOverBaseAndConvertMoneyExactly()
    {
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.directory(SHIPPED), "crypto_scalp");
        assertEquals(50.0, loaded.config().sim().eventsPerSecond()); // mode value
        assertEquals(0.9, loaded.config().sim().garchBeta()); // base value
        assertEquals(100_000 * FixedPoint.pow10(FixedPoint.MONEY_SCALE), loaded.money().initialCash());
        assertEquals(1, loaded.instruments().get(0).tickSizeUnits());
        assertEquals(10, loaded.instruments().get(0).lotSizeUnits()); // 0.00001 at quantity scale 6
        assertEquals(6_500_000, loaded.startPrices()[0]);
        assertEquals(100, loaded.money().takerFeeCentiBps());
    }

    @Test
    void shouldRoundTripThroughJournaledText()
    {
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.directory(SHIPPED), "stocks_swing");
        final LoadedConfig again = ConfigLoader.fromText(loaded.text(), "journal");
        assertEquals(loaded.config(), again.config());
        assertEquals(loaded.sha256(), again.sha256());
    }

    @Test
    void shouldGiveKeysNewerThanAJournalTheBuiltInDefaults()
    {
        // a run header written before execution.orderTimeoutMs and sizing.kellyFraction existed
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.directory(SHIPPED), "crypto_scalp");
        final String old = loaded.text().replaceAll("(?m)^\\s+orderTimeoutMs:.*\\n", "")
            .replaceAll("(?m)^\\s+kellyFraction:.*\\n", "");
        assertTrue(!old.contains("orderTimeoutMs") && !old.contains("kellyFraction"), old);
        final LoadedConfig again = ConfigLoader.fromText(old, "journal");
        assertEquals(300_000, again.config().execution().orderTimeoutMs(), "base default, not crypto_scalp's 10 s");
        assertEquals(loaded.config().sizing().kellyFraction(), again.config().sizing().kellyFraction());
        assertEquals(loaded.config().instruments(), again.config().instruments());

        final ConfigException bad = assertThrows(ConfigException.class,
            () -> ConfigLoader.fromText(old.replaceAll("(?m)^(\\s+takerFeeBps:).*$", "$1 -3"), "journal"));
        assertTrue(bad.getMessage().contains("execution.takerFeeBps"), bad.getMessage());
    }

    @Test
    void shouldGiveKeysNewerThanAConfigDirectoryTheBuiltInDefaults(@TempDir final Path dir) throws IOException
    {
        // a config directory copied before journal.minFreeMb and execution.flatBeforeCloseMs existed
        copyShipped(dir);
        final Path base = dir.resolve("base.yaml");
        final String old = Files.readString(base).replaceAll("(?m)^\\s+minFreeMb:.*\\n", "")
            .replaceAll("(?m)^\\s+flatBeforeCloseMs:.*\\n", "");
        assertTrue(!old.contains("minFreeMb") && !old.contains("flatBeforeCloseMs"), old);
        Files.writeString(base, old.replace("  takerFeeBps: 5.0", "  takerFeeBps: 7.0"));
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.directory(dir), "crypto_swing");
        final LoadedConfig shipped = ConfigLoader.load(ConfigSource.directory(SHIPPED), "crypto_swing");
        assertEquals(shipped.config().journal().minFreeMb(), loaded.config().journal().minFreeMb());
        assertEquals(0, loaded.config().execution().flatBeforeCloseMs());
        assertEquals(7.0, loaded.config().execution().takerFeeBps(), "what the directory says still wins");
    }

    @Test
    void shouldEnableEveryModelKeepingItsParameters()
    {
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.directory(SHIPPED), "crypto_scalp");
        assertTrue(!loaded.config().alpha().rsiComposite().enabled() &&
            !loaded.config().alpha().fundingShock().enabled(), "precondition: crypto_scalp leaves these off");
        final LoadedConfig all = ConfigLoader.withAllModels(loaded);
        final KeelConfig.Alpha alpha = all.config().alpha();
        assertTrue(alpha.bookImbalance().enabled() && alpha.maMomentum().enabled() &&
            alpha.orderFlowImbalance().enabled() && alpha.micropriceDeviation().enabled() &&
            alpha.meanReversion().enabled() && alpha.volatilityRegime().enabled() && alpha.rsiComposite().enabled() &&
            alpha.fundingShock().enabled() && alpha.tradeFlowImbalance().enabled(), alpha.toString());
        assertEquals(loaded.config().alpha().orderFlowImbalance().horizonMs(), alpha.orderFlowImbalance().horizonMs());
        assertEquals(loaded.config().sizing(), all.config().sizing());
    }

    @Test
    void shouldListModesForUnknownMode()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(SHIPPED), "crypto_scalpx"));
        assertTrue(ex.getMessage().contains("unknown mode 'crypto_scalpx'"), ex.getMessage());
        assertTrue(ex.getMessage().contains("crypto_scalp, crypto_swing, stocks_intraday, stocks_swing"),
            ex.getMessage());
    }

    @Test
    void shouldNameFileLineAndColumnForMalformedYaml(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        Files.writeString(modes.resolve("crypto_scalp.yaml"), "mode: crypto_scalp\nsim:\n  eventsPerSecond: [1,\n");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp"));
        assertTrue(ex.getMessage().contains(modes.resolve("crypto_scalp.yaml") + ":"), ex.getMessage());
        assertTrue(ex.getMessage().contains("malformed YAML"), ex.getMessage());
    }

    @Test
    void shouldRejectUnknownKeyNamingFileAndAllowedKeys(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        append(modes.resolve("crypto_swing.yaml"), "risk:\n  maxOrderNotionalUsdd: 5\n");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_swing"));
        assertEquals(1, ex.problems().size(), ex.getMessage());
        final String problem = ex.problems().get(0);
        assertTrue(problem.startsWith(modes.resolve("crypto_swing.yaml").toString()), problem);
        assertTrue(problem.contains("unknown key 'risk.maxOrderNotionalUsdd'"), problem);
        assertTrue(problem.contains("maxOrderNotionalUsd"), problem);
    }

    @Test
    void shouldRejectOutOfRangeValuesWithFileKeyValueAndRange(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        append(modes.resolve("stocks_intraday.yaml"), "ensemble:\n  minConfidence: 1.5\n");
        Files.writeString(dir.resolve("base.yaml"), Files.readString(dir.resolve("base.yaml"))
            .replace("ringSize: 65536", "ringSize: 1000"));
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "stocks_intraday"));
        assertEquals(List.of(
            dir.resolve("base.yaml") + ": key 'pipeline.ringSize' = 1000 is not allowed; expected a power of two " +
                "in [1024, 4194304]",
            modes.resolve("stocks_intraday.yaml") + ": key 'ensemble.minConfidence' = 1.5 is not allowed; expected " +
                "[0, 1]"), ex.problems());
    }

    @Test
    void shouldRejectAnUnknownExecutionAlgorithmNamingTheOnesThereAre(@TempDir final Path dir) throws IOException
    {
        copyShipped(dir);
        Files.writeString(dir.resolve("base.yaml"), Files.readString(dir.resolve("base.yaml"))
            .replace("algo: direct", "algo: twapp").replace("algoHorizonMs: 60000", "algoHorizonMs: 10"));
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_swing"));
        assertEquals(List.of(
            dir.resolve("base.yaml") + ": key 'execution.algoHorizonMs' = 10 is not allowed; expected [1000, " +
                "31536000000]",
            dir.resolve("base.yaml") + ": key 'execution.algo' = twapp is not allowed; expected one of direct, " +
                "market, passive, twap, vwap, pov, iceberg"), ex.problems());
    }

    @Test
    void shouldTakeEachInstrumentsVenueOrItsAssetClassDefaultAndRefuseAnUnknownOne(@TempDir final Path dir)
        throws IOException
    {
        final Path modes = copyShipped(dir);
        assertEquals(List.of("binance", "binance"), ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp")
            .instruments().stream().map(io.keel.core.InstrumentSpec::venue).toList(), "crypto: Binance by default");
        assertEquals("alpaca", ConfigLoader.load(ConfigSource.directory(dir), "stocks_intraday").instruments().get(0)
            .venue(), "equities: Alpaca by default");
        Files.writeString(modes.resolve("crypto_scalp.yaml"), Files.readString(modes.resolve("crypto_scalp.yaml"))
            .replace("    startPrice: 3200.00", "    startPrice: 3200.00\n    venue: kraken"));
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp"));
        assertEquals(List.of(modes.resolve("crypto_scalp.yaml") + ": key 'instruments[1].venue' = kraken is not " +
            "allowed; expected one of [binance, alpaca] (where a live run sends its orders; default: alpaca for " +
            "equities, binance for crypto)"), ex.problems());
    }

    @Test
    void shouldRefuseAtLoadTheValuesThatWouldCrashTheDecisionThreadLater(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        final Path base = dir.resolve("base.yaml");
        final String shipped = Files.readString(base);
        for (final String year : List.of("2300", "1900"))
        {
            Files.writeString(base, shipped.replace("startTime: \"2026-01-05T00:00:00Z\"", "startTime: \"" + year +
                "-01-05T00:00:00Z\""));
            final ConfigException ex = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp"));
            assertEquals(List.of(base + ": key 'run.startTime' = " + year + "-01-05T00:00:00Z is not allowed; " +
                "expected an instant from 1970-01-02T00:00:00Z to before 2200-01-01T00:00:00Z (event time is " +
                "nanoseconds since 1970 in 64 bits)"), ex.problems());
        }
        Files.writeString(base, shipped.replace("  dir: journal ", "  dir: no-such-dir/../journal "));
        final ConfigException journal = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp"));
        assertEquals(List.of(base + ": key 'journal.dir' = no-such-dir/../journal is not allowed; expected a path " +
            "whose directories before each '..' exist (no-such-dir does not: the journal could not be created " +
            "there)"), journal.problems());
        Files.writeString(base, shipped);
        Files.writeString(modes.resolve("crypto_scalp.yaml"), Files.readString(modes.resolve("crypto_scalp.yaml"))
            .replace("startPrice: 3200.00", "startPrice: 1e300"));
        final ConfigException price = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp"));
        assertEquals(List.of(modes.resolve("crypto_scalp.yaml") + ": key 'instruments[1].startPrice' = " +
            new java.math.BigDecimal("1e300").toPlainString() + " is not allowed; expected (0, 1000000000]"),
            price.problems());
    }

    @Test
    void shouldNameTheFileAndByteOffsetOfInvalidUtf8(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        final byte[] text = Files.readAllBytes(modes.resolve("crypto_swing.yaml"));
        final byte[] broken = java.util.Arrays.copyOf(text, text.length + 3);
        System.arraycopy(new byte[] {'#', ' ', (byte)0xC3}, 0, broken, text.length, 3); // a cut two-byte sequence
        Files.write(modes.resolve("crypto_swing.yaml"), broken);
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_swing"));
        assertEquals(List.of(modes.resolve("crypto_swing.yaml") + ": not UTF-8 text: a malformed byte sequence at " +
            "byte offset " + (text.length + 2) + " (1 byte); save the file as UTF-8"), ex.problems());
    }

    @Test
    void shouldRejectCrossFieldContradictions(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        append(modes.resolve("crypto_scalp.yaml"), "features:\n  emaFastMs: 40000\n");
        Files.writeString(modes.resolve("crypto_scalp.yaml"), Files.readString(modes.resolve("crypto_scalp.yaml"))
            .replace("calendar: CRYPTO_24_7\n    startPrice: 3200.00", "calendar: NYSE\n    startPrice: 3200.00"));
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp"));
        assertEquals(2, ex.problems().size(), ex.getMessage());
        assertTrue(ex.getMessage().contains("key 'instruments[1].calendar' = NYSE is not allowed; expected " +
            "CRYPTO_24_7 for asset class CRYPTO_SPOT"), ex.getMessage());
        assertTrue(ex.getMessage().contains("key 'features.emaSlowMs' = 30000 is not allowed; expected greater than " +
            "features.emaFastMs (40000)"), ex.getMessage());
    }

    @Test
    void shouldRejectWrongTypeAndModeMismatch(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        append(modes.resolve("stocks_swing.yaml"), "pipeline:\n  waitStrategy: spinning\n");
        final ConfigException wrongEnum = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "stocks_swing"));
        assertTrue(wrongEnum.getMessage().contains("key 'pipeline.waitStrategy' has invalid value 'spinning'; " +
            "expected one of [blocking, yielding, busy-spin]"), wrongEnum.getMessage());

        Files.writeString(modes.resolve("crypto_swing.yaml"), Files.readString(modes.resolve("crypto_swing.yaml"))
            .replace("mode: crypto_swing", "mode: crypto_scalp"));
        final ConfigException mismatch = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_swing"));
        assertTrue(mismatch.getMessage().contains("must equal the file's mode name 'crypto_swing'"),
            mismatch.getMessage());
    }

    @Test
    void shouldRejectUnknownOrMalformedIndicatorSubscriptions(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        append(modes.resolve("crypto_scalp.yaml"), "features:\n  indicators: [rsi:14, stochastic:5, macd:26:12:9, " +
            "rsi:14]\n");
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp"));
        assertEquals(3, ex.problems().size(), ex.getMessage());
        assertTrue(ex.getMessage().contains("key 'features.indicators[1]' = stochastic:5 is not allowed; expected " +
            "unknown indicator 'stochastic'; known: [atr, bollingerLower"), ex.getMessage());
        assertTrue(ex.getMessage().contains("the fast period must be shorter than the slow one"), ex.getMessage());
        assertTrue(ex.getMessage().contains("key 'features.indicators[3]' = rsi:14 is not allowed; expected each " +
            "subscription once"), ex.getMessage());
    }

    @Test
    void shouldHashDifferentConfigsDifferently(@TempDir final Path dir) throws IOException
    {
        final Path modes = copyShipped(dir);
        final String before = ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp").sha256();
        append(modes.resolve("crypto_scalp.yaml"), "ensemble:\n  minConfidence: 0.06\n");
        assertNotEquals(before, ConfigLoader.load(ConfigSource.directory(dir), "crypto_scalp").sha256());
    }

    private static Path copyShipped(final Path dir) throws IOException
    {
        Files.copy(SHIPPED.resolve("base.yaml"), dir.resolve("base.yaml"));
        final Path modes = Files.createDirectories(dir.resolve("modes"));
        for (final String mode : ConfigSource.BUILT_IN_MODES)
        {
            Files.copy(SHIPPED.resolve("modes/" + mode + ".yaml"), modes.resolve(mode + ".yaml"));
        }
        return modes;
    }

    @Test
    void shouldSetOneKeyForASweepTrialAndRefuseUnknownKeysAndBadValues()
    {
        final LoadedConfig loaded = ConfigLoader.load(ConfigSource.directory(SHIPPED), "stocks_swing");
        final LoadedConfig changed = ConfigLoader.withValue(loaded, "sizing.minEdgeBps", "2.5");
        assertEquals(2.5, changed.config().sizing().minEdgeBps());
        assertNotEquals(loaded.sha256(), changed.sha256(), "a trial's configuration is its own (journaled) text");
        assertEquals(loaded.config().features(), changed.config().features(), "nothing else changes");
        assertEquals(false, ConfigLoader.withValue(loaded, "alpha.maMomentum.enabled", "false").config().alpha()
            .maMomentum().enabled());
        final ConfigException unknown = assertThrows(ConfigException.class, () -> ConfigLoader.withValue(loaded,
            "sizing.minEdge", "1"));
        assertTrue(unknown.getMessage().contains("unknown key 'sizing.minEdge'"), unknown.getMessage());
        final ConfigException bad = assertThrows(ConfigException.class, () -> ConfigLoader.withValue(loaded,
            "sizing.minEdgeBps", "lots"));
        assertTrue(bad.getMessage().contains("minEdgeBps"), bad.getMessage());
        assertThrows(ConfigException.class, () -> ConfigLoader.withValue(loaded, "sizing..x", "1"));
        assertThrows(ConfigException.class, () -> ConfigLoader.withValue(loaded, "mode.x", "1"), "not a section");
    }

    private static void append(final Path file, final String text) throws IOException
    {
        Files.writeString(file, Files.readString(file) + text);
    }
}
