package io.keel.benchmarks.jmh;

import io.keel.alpha.ModelStage;
import io.keel.config.ConfigLoader;
import io.keel.config.ConfigSource;
import io.keel.config.LoadedConfig;
import io.keel.core.InstrumentSpec;
import io.keel.core.Side;
import io.keel.core.decision.Blend;
import io.keel.core.decision.Features;
import io.keel.core.event.Event;
import io.keel.core.event.EventSink;
import io.keel.core.event.OrderType;
import io.keel.ensemble.Blender;
import io.keel.ensemble.Blenders;
import io.keel.execution.OrderTracker;
import io.keel.execution.Portfolio;
import io.keel.execution.SimExchange;
import io.keel.ingest.feature.FeatureEngine;
import io.keel.ingest.sim.SimMarket;
import io.keel.risk.PreTradeRisk;
import io.keel.risk.RiskLimits;
import io.keel.sizing.BookSizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One stage of the decision chain at a time, on crypto_scalp's instruments with the full zoo, its features warmed by
 * the simulated market: the models, the blend, the book sizer, the pre-trade check, and the simulated exchange's
 * matching (two book updates and a market order). Sample time, so JMH prints p50/p99 per stage. Run it with
 * {@code bin/bench jmh} (the Chronicle flags are not needed: nothing here journals).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dchronicle.analytics.disable=true"})
public class DecisionStagesBenchmark
{
    private static final long MID = 65_000_00;

    private FeatureEngine features;
    private ModelStage models;
    private Blender blender;
    private Blend blend;
    private BookSizer sizer;
    private Portfolio portfolio;
    private PreTradeRisk risk;
    private OrderTracker orders;
    private SimExchange exchange;
    private InstrumentSpec btc;
    private final Event event = new Event();
    private final Event order = new Event();
    private final long[] reports = new long[1];
    private final EventSink ignoredReports = report -> reports[0]++;
    private long nowNs;
    private long orderId;
    private int step;

    /** The stages of a configuration, features warmed on 200,000 events of its simulated market. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final LoadedConfig loaded = ConfigLoader.withAllModels(ConfigLoader.load(ConfigSource.builtIn(),
            "crypto_scalp"));
        models = ModelStage.fromConfig(loaded.config(), loaded.instruments());
        features = io.keel.engine.FeatureBus.of(loaded, models.models());
        blender = Blenders.fromConfig(loaded.config().ensemble(), loaded.instruments().size(), models.count());
        blend = new Blend(models.count());
        final Features[] byInstrument = new Features[loaded.instruments().size()];
        for (int id = 0; id < byInstrument.length; id++)
        {
            byInstrument[id] = features.features(id);
        }
        sizer = new BookSizer(loaded.config().sizing(), loaded.instruments(), byInstrument);
        portfolio = new Portfolio(loaded.instruments(), loaded.money().initialCash());
        risk = new PreTradeRisk(loaded.instruments(), RiskLimits.of(loaded));
        orders = new OrderTracker(loaded.instruments().size());
        exchange = new SimExchange(loaded.instruments(), loaded.config().sim().bookLevels(),
            loaded.money().makerFeeCentiBps(), loaded.money().takerFeeCentiBps());
        btc = loaded.instruments().get(0);
        final SimMarket market = new SimMarket(loaded);
        final long[] seen = new long[1];
        final EventSink warm = e ->
        {
            features.onEvent(e);
            nowNs = e.timestampNs;
            seen[0]++;
        };
        while (seen[0] < 200_000)
        {
            market.step(warm);
        }
        portfolio.mark(0, features.bestBid(0) / 2 + features.bestAsk(0) / 2);
        risk.onTime(nowNs, portfolio.equityMoney());
        models.evaluate(0, features.features(0));
        blender.blend(0, nowNs, features.features(0).mid, models.signals(), models.count(), blend);
    }

    /** The zoo on one instrument: every model's edge, confidence and horizon. */
    @Benchmark
    public double models()
    {
        models.evaluate(0, features.features(0));
        return models.signals()[0].edgeBps;
    }

    /** The ensemble: the zoo's signals into one edge (target ≤ 20 µs). */
    @Benchmark
    public double blend()
    {
        blender.blend(0, nowNs, features.features(0).mid, models.signals(), models.count(), blend);
        return blend.edgeBps;
    }

    /** Sizing the next order for the book (target ≤ 50 µs). */
    @Benchmark
    public long sizing()
    {
        return sizer.size(0, blend, portfolio, 1.0);
    }

    /** Every pre-trade rule on one order. */
    @Benchmark
    public Object riskCheck()
    {
        nowNs += 600_000_000L; // apart enough that the throttle and runaway guard pass
        return risk.check(btc, Side.BUY, 1_000, true, MID - 1, MID, nowNs, portfolio, orders);
    }

    /** The simulated exchange: a level of each side refreshed, then a market order sweeping the touch. */
    @Benchmark
    public long match()
    {
        nowNs += 1_000_000L;
        final int level = step++ % 5;
        exchange.onMarketEvent(event.bookLevel(nowNs, 0, Side.BUY, level, MID - level, 200_000), ignoredReports);
        exchange.onMarketEvent(event.bookLevel(nowNs, 0, Side.SELL, level, MID + 1 + level, 200_000), ignoredReports);
        order.reset();
        order.timestampNs = nowNs;
        order.clientOrderId = ++orderId;
        order.instrumentId = 0;
        order.side = (step & 1) == 0 ? Side.BUY : Side.SELL;
        order.orderType = OrderType.MARKET;
        order.quantity = 300_000;
        exchange.onOrder(order, ignoredReports);
        return orderId;
    }
}
