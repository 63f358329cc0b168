"""Generates the five keel dashboards (grafana/dashboards/*.json): python3 grafana/dashboards.py"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DS = {"type": "prometheus", "uid": "keel-prometheus"}
M = 'mode="$mode"'
MS = 'mode="$mode", symbol=~"$symbol"'
RI = '$__rate_interval'

def panel(pid, title, exprs, unit="short", kind="timeseries", x=0, y=0, w=12, h=8, desc=""):
    targets = []
    for i, e in enumerate(exprs):
        expr, legend = e if isinstance(e, tuple) else (e, "")
        targets.append({"refId": chr(65 + i), "datasource": DS, "expr": expr, "legendFormat": legend})
    return {"id": pid, "type": kind, "title": title, "description": desc, "datasource": DS,
            "gridPos": {"x": x, "y": y, "w": w, "h": h},
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []}, "options": {}, "targets": targets}

def dashboard(uid, title, desc, panels):
    return {"uid": uid, "title": title, "description": desc, "tags": ["keel"], "timezone": "utc",
            "schemaVersion": 39, "version": 1, "refresh": "5s", "time": {"from": "now-1h", "to": "now"},
            "editable": True,
            "templating": {"list": [
                {"name": "mode", "label": "mode", "type": "query", "datasource": DS,
                 "query": {"query": "label_values(keel_build_info, mode)", "refId": "mode"},
                 "definition": "label_values(keel_build_info, mode)", "refresh": 2, "multi": False,
                 "includeAll": False},
                {"name": "symbol", "label": "symbol", "type": "query", "datasource": DS,
                 "query": {"query": 'label_values(keel_position{mode="$mode"}, symbol)', "refId": "symbol"},
                 "definition": 'label_values(keel_position{mode="$mode"}, symbol)', "refresh": 2,
                 "multi": True, "includeAll": True}]},
            "panels": panels}

def grid(items):
    out = []
    for i, p in enumerate(items):
        p["id"] = i + 1
        p["gridPos"]["x"] = (i % 2) * 12
        p["gridPos"]["y"] = (i // 2) * 8
        out.append(p)
    return out

trading = dashboard("keel-trading", "keel: trading", "Is the book making money, and what does it hold?", grid([
    panel(0, "Equity", [(f'keel_equity_usd{{{M}}}', "equity")], "currencyUSD"),
    panel(0, "P&L", [(f'keel_pnl_realized_usd{{{M}}}', "realised"), (f'keel_pnl_unrealized_usd{{{M}}}', "unrealised"),
                     (f'keel_pnl_day_usd{{{M}}}', "today"), (f'keel_fees_usd{{{M}}}', "fees")], "currencyUSD"),
    panel(0, "Positions", [(f'keel_position{{{MS}}}', "{{symbol}}")]),
    panel(0, "Exposure by instrument", [(f'keel_exposure_usd{{{MS}}}', "{{symbol}}")], "currencyUSD"),
    panel(0, "Gross and net exposure", [(f'keel_exposure_gross_usd{{{M}}}', "gross"),
                                        (f'keel_exposure_net_usd{{{M}}}', "net")], "currencyUSD"),
    panel(0, "P&L by instrument", [(f'keel_symbol_pnl_usd{{{MS}}}', "{{symbol}}")], "currencyUSD"),
    panel(0, "Cash", [(f'keel_cash_usd{{{M}}}', "cash")], "currencyUSD", "stat"),
    panel(0, "Drawdown from peak", [(f'keel_drawdown_ratio{{{M}}}', "drawdown")], "percentunit"),
]))

system = dashboard("keel-system", "keel: system health", "Is the daemon healthy: up, fast, journaling, fed?", grid([
    panel(0, "Daemon up", [('up{job="keel"}', "{{instance}}")], "short", "stat"),
    panel(0, "Decision latency p99 by stage (sampled)", [(
        f'histogram_quantile(0.99, sum by (stage, le) (rate(keel_decision_latency_seconds_bucket{{{M}}}[{RI}])))',
        "{{stage}} p99")], "s"),
    panel(0, "Decision latency p50 by stage (sampled)", [(
        f'histogram_quantile(0.5, sum by (stage, le) (rate(keel_decision_latency_seconds_bucket{{{M}}}[{RI}])))',
        "{{stage}} p50")], "s"),
    panel(0, "Journal append p99 (sampled)", [(
        f'histogram_quantile(0.99, sum by (le) (rate(keel_journal_append_seconds_bucket{{{M}}}[{RI}])))', "p99")],
        "s"),
    panel(0, "Journal lag (events not yet journaled)", [('keel_journal_lag_events', "lag")]),
    panel(0, "Journal disk free (trading halts below the threshold)", [('keel_journal_disk_free_bytes', "free"),
        ('keel_journal_disk_min_free_bytes', "halt below")], "bytes"),
    panel(0, "Market data age", [(f'keel_market_data_age_seconds{{{MS}}}', "{{symbol}}")], "s"),
    panel(0, "Events per second", [(f'rate(keel_events_total{{{M}}}[{RI}])', "events/s"),
                                    (f'sum by (symbol) (rate(keel_market_events_total{{{MS}}}[{RI}]))',
                                     "{{symbol}} market")], "ops"),
    panel(0, "JVM heap used", [('sum(jvm_memory_used_bytes{area="heap"})', "heap")], "bytes"),
    panel(0, "GC pause time per second", [(f'sum(rate(jvm_gc_pause_seconds_sum[{RI}])) or vector(0)', "gc")],
          "s"),
    panel(0, "Allocation rate", [(f'rate(jvm_gc_memory_allocated_bytes_total[{RI}])', "allocated")], "Bps"),
    panel(0, "Live threads", [('jvm_threads_live_threads', "threads")]),
    panel(0, "Build", [(f'keel_build_info{{{M}}}', "{{version}} {{venue}}")], "short", "stat"),
]))

models = dashboard("keel-models", "keel: models", "What does each model say, how much does the blend trust it?", grid([
    panel(0, "Edge by model", [(f'keel_model_edge_bps{{{MS}}}', "{{model}} {{symbol}}")]),
    panel(0, "Blend weight by model", [(f'keel_model_weight{{{MS}}}', "{{model}} {{symbol}}")]),
    panel(0, "Hit rate by model (hit-rate blender)", [(f'keel_model_hit_rate{{{MS}}}', "{{model}} {{symbol}}")],
          "percentunit"),
    panel(0, "Confidence by model", [(f'keel_model_confidence{{{MS}}}', "{{model}} {{symbol}}")]),
    panel(0, "Blended edge", [(f'keel_blend_edge_bps{{{MS}}}', "{{symbol}}")]),
    panel(0, "Leading-model switches per 5 min", [(f'increase(keel_model_switches_total{{{MS}}}[5m])', "{{symbol}}")]),
]))

risk = dashboard("keel-risk", "keel: risk", "How close is the book to its limits; which breakers are tripped?", grid([
    panel(0, "Gross exposure vs limit", [(f'keel_exposure_gross_usd{{{M}}}', "gross"),
                                         (f'keel_limit_usd{{{M}, limit="max_gross_exposure"}}', "limit")], "currencyUSD"),
    panel(0, "Net exposure vs limit", [(f'keel_exposure_net_usd{{{M}}}', "net"),
                                       (f'keel_limit_usd{{{M}, limit="max_net_exposure"}}', "limit")], "currencyUSD"),
    panel(0, "VaR and CVaR vs budget", [(f'keel_var_usd{{{M}}}', "VaR {{method}}"),
                                        (f'keel_cvar_usd{{{M}}}', "CVaR {{method}}"),
                                        (f'keel_limit_usd{{{M}, limit="var_budget"}}', "budget")], "currencyUSD"),
    panel(0, "Intraday drawdown vs stop", [(f'keel_drawdown_intraday_usd{{{M}}}', "drawdown"),
                                           (f'keel_limit_usd{{{M}, limit="drawdown_stop"}}', "stop")], "currencyUSD"),
    panel(0, "Day P&L vs daily loss stop", [(f'keel_pnl_day_usd{{{M}}}', "today"),
                                            (f'-keel_limit_usd{{{M}, limit="daily_loss_stop"}}', "stop")],
          "currencyUSD"),
    panel(0, "Breakers engaged", [(f'keel_breaker_engaged{{{M}}}', "{{breaker}} {{symbol}}"),
                                  (f'keel_kill_switch_engaged{{{M}}}', "kill switch")], "short", "state-timeline"),
    panel(0, "Breaker trips (last hour)", [(f'increase(keel_breaker_trips_total{{{M}}}[1h])', "{{breaker}}")]),
    panel(0, "Order size multiplier (lock-in)", [(f'keel_size_scale_ratio{{{M}}}', "scale")]),
]))

execution = dashboard("keel-execution", "keel: execution", "Are orders going out, filling, at what cost?", grid([
    panel(0, "Orders per minute", [(f'sum by (symbol, side) (rate(keel_orders_submitted_total{{{MS}}}[{RI}])) * 60',
                                    "{{symbol}} {{side}}")], "short"),
    panel(0, "Fills per minute", [(f'sum by (symbol, side) (rate(keel_fills_total{{{MS}}}[{RI}])) * 60',
                                   "{{symbol}} {{side}}")], "short"),
    panel(0, "Rejects by reason (selected range)", [(
        f'sum by (source, reason) (increase(keel_orders_rejected_total{{{M}}}[$__range]))', "{{source}} {{reason}}")],
        "short", "bargauge"),
    panel(0, "Venue reject ratio", [(
        f'sum(rate(keel_orders_rejected_total{{{M}, source="venue"}}[{RI}])) / '
        f'clamp_min(sum(rate(keel_orders_submitted_total{{{M}}}[{RI}])), 1e-9)', "ratio")], "percentunit"),
    panel(0, "Slippage vs decision mid (p50, p90)", [
        (f'histogram_quantile(0.5, sum by (symbol, le) (rate(keel_slippage_bps_bucket{{{MS}}}[{RI}])))', "{{symbol}} p50"),
        (f'histogram_quantile(0.9, sum by (symbol, le) (rate(keel_slippage_bps_bucket{{{MS}}}[{RI}])))', "{{symbol}} p90")],
        "short"),
    panel(0, "Mean slippage (bps)", [(
        f'sum by (symbol) (rate(keel_slippage_bps_sum{{{MS}}}[{RI}])) / '
        f'clamp_min(sum by (symbol) (rate(keel_slippage_bps_count{{{MS}}}[{RI}])), 1e-9)', "{{symbol}}")], "short"),
    panel(0, "Decisions per minute", [(f'rate(keel_decisions_total{{{M}}}[{RI}]) * 60', "decisions")], "short"),
]))

for name, d in [("trading", trading), ("system-health", system), ("models", models), ("risk", risk),
                ("execution", execution)]:
    with open(os.path.join(HERE, "dashboards", f"{name}.json"), "w") as f:
        json.dump(d, f, indent=2)
        f.write("\n")

