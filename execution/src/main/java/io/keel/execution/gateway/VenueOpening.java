package io.keel.execution.gateway;

import io.keel.config.ConfigLoader;
import io.keel.config.LoadedConfig;
import io.keel.core.FixedPoint;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.event.Event;
import io.keel.core.event.ExecType;
import io.keel.core.event.RejectReason;
import io.keel.core.journal.JournalReader;
import io.keel.execution.OrderDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How one venue of a live run opens, before anything may be sent to it (a book across venues opens each; the venues'
 * own instruments only, {@code instruments[].venue}):
 * <ol>
 *   <li>the previous run (its run tag and journal, kept in {@code <stateDir>/live-run}) is recovered: every order its
 *       journal never saw finish is asked about by its client id, and what still rests is canceled — nothing is sent
 *       again; orders that cannot be resolved stop the start;</li>
 *   <li>the venue's balances and open orders are read; a venue that cannot answer, or an open order we do not know,
 *       stops the start (never assume flat);</li>
 *   <li>the book opens where the venue is: the configuration's initial cash becomes the venue's cash plus the value of
 *       its positions at the venue's last price, and each position is journaled as an opening fill.</li>
 * </ol>
 * The new run's tag (its venue ids' prefix) is written to {@code live-run} with its journal before any order goes.
 */
public final class VenueOpening
{
    private static final Logger LOG = LoggerFactory.getLogger(VenueOpening.class);

    /** The venues a live run can trade. */
    public enum Venue
    {
        BINANCE, ALPACA
    }

    /** Where a live run sends orders. */
    public record Options(Venue venue, String restUrl, String apiKey, String secret, boolean adoptVenuePositions)
    {
        public Options(final Venue venue, final String restUrl, final String apiKey, final String secret)
        {
            this(venue, restUrl, apiKey, secret, false);
        }

        /** @return these options, taking the venue's positions where they differ from the previous run's journal. */
        public Options adoptingVenuePositions()
        {
            return new Options(venue, restUrl, apiKey, secret, true);
        }

        public OrderGateway gateway(final String runTag)
        {
            return venue == Venue.BINANCE ?
                new BinanceOrderGateway(restUrl, apiKey, secret, 2_000, System::nanoTime, runTag) :
                new AlpacaOrderGateway(restUrl, apiKey, secret, 2_000, System::nanoTime, runTag);
        }

        @Override
        public String toString()
        {
            return "LiveOptions{" + venue + " " + restUrl + ", keys redacted}";
        }
    }

    public final Venue venue;
    /** The configuration opened at this venue alone: its cash plus its positions' value as the initial cash. */
    public final LoadedConfig config;
    /** This venue's cash plus the value of its positions at its last prices, in money units. */
    public final long openingCash;
    public final List<Event> opening;
    public final OrderGateway gateway;
    public final String tag;
    public final int recovered;
    /**
     * A live start, checked first: live orders need {@code execution.liveTrading: true} in the profile as well as the
     * command-line flag, and a state directory (recovery, the latch).
     */
    public static VenueOpening open(final LoadedConfig loaded, final Path stateDir, final Options options,
        final long startNs, final long wallMs)
    {
        if (!loaded.config().execution().liveTrading())
        {
            throw new IllegalArgumentException("live orders need execution.liveTrading: true in the profile as " +
                "well as the command-line flag");
        }
        if (stateDir == null)
        {
            throw new IllegalArgumentException("live orders need a state directory (recovery and the latch)");
        }
        return prepare(loaded, stateDir, options, startNs, wallMs);
    }

    /** Where the venue's positions differed from the previous run's journal (adopted by the operator's flag). */
    public final List<String> adopted;

    private VenueOpening(final Venue venue, final LoadedConfig config, final long openingCash,
        final List<Event> opening, final OrderGateway gateway, final String tag, final int recovered,
        final List<String> adopted)
    {
        this.venue = venue;
        this.openingCash = openingCash;
        this.adopted = adopted;
        this.config = config;
        this.opening = opening;
        this.gateway = gateway;
        this.tag = tag;
        this.recovered = recovered;
    }

    private static void awaitQuiet(final GatewayLoop loop, final boolean openToo, final String what)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((loop.unknownCount() > 0 || openToo && loop.open() > 0) && System.nanoTime() < deadline)
        {
            loop.poll();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        if (loop.unknownCount() > 0 || openToo && loop.open() > 0)
        {
            throw new IllegalStateException("cannot " + what + " (" + loop.unknownCount() + " unknown, " +
                loop.open() + " open): not trading until the venue answers");
        }
    }

    public static VenueOpening prepare(final LoadedConfig loaded, final Path stateDir, final Options options,
        final long startNs, final long nowMs)
    {
        // this venue's instruments only: the book may hold other venues' too (each started by its own VenueOpening)
        final List<InstrumentSpec> specs = venueSpecs(loaded, options.venue());
        final java.util.function.IntPredicate ours = id -> specs.stream().anyMatch(s -> s.id() == id);
        final Path runFile = stateDir.resolve("live-run");
        int recovered = 0;
        Map<String, Long> journaled = null;
        if (Files.exists(runFile))
        {
            final List<String> previous;
            try
            {
                previous = Files.readAllLines(runFile, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read " + runFile, ex);
            }
            final String previousTag = previous.get(0).trim();
            final Path previousJournal = Path.of(previous.get(1).trim());
            final OrderGateway before = options.gateway(previousTag);
            final GatewayLoop recovery = new GatewayLoop(before, loaded.instruments(),
                report -> LOG.info("recovered {}", report),
                System::nanoTime,
                100_000_000L);
            // a run killed before its journal's first record sent nothing (intents are journaled before they go)
            if (hasQueueFile(previousJournal))
            {
                recovered = recovery.recover(previousJournal, ours).size();
                awaitQuiet(recovery, false, "resolve the previous run's orders");
                recovery.cancelAllOpen();
                awaitQuiet(recovery, true, "cancel the previous run's resting orders");
                journaled = bySymbol(previousJournal, recovery.positions());
            }
            LOG.info("previous run {} recovered: {} unfinished orders asked about, none re-sent", previousTag,
                recovered);
        }
        final String tag = VenueIds.tagOf(nowMs);
        final OrderGateway gateway = options.gateway(tag);
        final VenueSnapshot snapshot = gateway.snapshot(specs);
        if (snapshot == null)
        {
            throw new IllegalStateException("the venue's balances and open orders cannot be read: not trading " +
                "(a missing venue report is never taken for a flat book)");
        }
        if (!snapshot.openOrders().isEmpty())
        {
            throw new IllegalStateException("the venue has " + snapshot.openOrders().size() + " open orders this " +
                "daemon does not know: not trading until an operator looks");
        }
        final List<String> adopted = journaled == null ? List.of() : differences(specs, journaled, snapshot);
        if (!adopted.isEmpty())
        {
            if (!options.adoptVenuePositions())
            {
                throw new IllegalStateException("the venue's positions differ from what the previous run's journal " +
                    "and the recovered orders add up to: " + String.join("; ", adopted) + ". Something traded " +
                    "outside this daemon, or a fill was lost: not trading until an operator looks (start with " +
                    "--adopt-venue-positions to open from the venue's positions; the difference is audited)");
            }
            LOG.warn("adopting the venue's positions over the previous journal's: {}", adopted);
        }
        long initialCash = snapshot.cashMoney();
        final List<Event> opening = new ArrayList<>();
        for (final InstrumentSpec spec : specs)
        {
            final long position = snapshot.positions().getOrDefault(spec.id(), 0L);
            if (position == 0)
            {
                continue;
            }
            final long price = gateway.lastPrice(spec);
            if (price <= 0)
            {
                throw new IllegalStateException("no venue price for " + spec.symbol() + ": cannot open its position");
            }
            initialCash = Math.addExact(initialCash, spec.notional(price, Math.abs(position)) *
                Long.signum(position));
            opening.add(new Event().executionReport(startNs, spec.id(), OrderDesk.OPENING_BALANCE_ID,
                ExecType.FILLED, position > 0 ? Side.BUY : Side.SELL, price, Math.abs(position), 0, 0,
                RejectReason.NONE));
        }
        final LoadedConfig opened = ConfigLoader.withInitialCash(loaded,
            BigDecimal.valueOf(initialCash, FixedPoint.MONEY_SCALE));
        return new VenueOpening(options.venue(), opened, initialCash, opening, gateway, tag, recovered, adopted);
    }

    /** @return the instruments of the book on {@code venue} ({@code instruments[].venue}); refuses none. */
    private static List<InstrumentSpec> venueSpecs(final LoadedConfig loaded, final Venue venue)
    {
        final String label = venue.name().toLowerCase(java.util.Locale.ROOT);
        final List<InstrumentSpec> specs = loaded.instruments().stream().filter(s -> s.venue().equals(label))
            .toList();
        if (specs.isEmpty())
        {
            throw new IllegalArgumentException("--live-" + label + ": the mode lists no instrument on " + label +
                " (instruments[].venue)");
        }
        return specs;
    }

    /**
     * @return journaled positions by symbol (the previous run's instruments, from its journal's header), or null when
     *         the journal holds no header.
     */
    private static Map<String, Long> bySymbol(final Path journal, final Map<Integer, Long> positions)
    {
        final List<InstrumentSpec> then;
        try (JournalReader reader = JournalReader.open(journal))
        {
            reader.next(new Event(), new io.keel.core.decision.DecisionRecord()); // the run header comes first
            if (reader.header() == null)
            {
                LOG.warn("the previous run's journal {} holds nothing: no positions to compare with the venue",
                    journal);
                return null;
            }
            then = ConfigLoader.fromText(reader.header().configText(), journal.toString()).instruments();
        }
        final Map<String, Long> out = new TreeMap<>();
        positions.forEach((id, quantity) -> out.put(then.get(id).symbol(), quantity));
        return out;
    }

    /** @return one line per instrument traded now whose venue position is not the journaled one. */
    private static List<String> differences(final List<InstrumentSpec> specs, final Map<String, Long> journaled,
        final VenueSnapshot snapshot)
    {
        final List<String> out = new ArrayList<>();
        for (final InstrumentSpec spec : specs)
        {
            final long ours = journaled.getOrDefault(spec.symbol(), 0L);
            final long venue = snapshot.positions().getOrDefault(spec.id(), 0L);
            if (ours != venue)
            {
                out.add(spec.symbol() + " journal " + FixedPoint.toText(ours, spec.quantityScale()) + " venue " +
                    FixedPoint.toText(venue, spec.quantityScale()) + " (difference " +
                    FixedPoint.toText(venue - ours, spec.quantityScale()) + ")");
            }
        }
        return out;
    }

    private static boolean hasQueueFile(final Path journal)
    {
        if (!Files.isDirectory(journal))
        {
            return false;
        }
        try (java.util.stream.Stream<Path> files = Files.list(journal))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read the previous run's journal " + journal, ex);
        }
    }

    /** Records this run's tag and journal: the next start recovers from them. Before any order goes. */
    public static void recordRun(final Path stateDir, final String tag, final Path journal)
    {
        try
        {
            Files.createDirectories(stateDir);
            final Path temp = stateDir.resolve("live-run.tmp");
            Files.writeString(temp, tag + "\n" + journal.toAbsolutePath() + "\n", StandardCharsets.UTF_8);
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
                java.nio.file.StandardOpenOption.WRITE))
            {
                channel.force(true);
            }
            Files.move(temp, stateDir.resolve("live-run"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot record the live run in " + stateDir, ex);
        }
    }
}
