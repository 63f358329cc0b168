// keel control panel: renders /api/stream (server-sent events); controls POST with the operator's token.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const tokenInput = $("token");
  tokenInput.value = sessionStorage.getItem("keel-token") || "";
  tokenInput.addEventListener("change", () => sessionStorage.setItem("keel-token", tokenInput.value.trim()));

  let chart = null;
  const fmt = (v, d = 2) => (v === undefined || v === null || isNaN(v)) ? "–" :
    Number(v).toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });
  const cls = (v) => v > 0 ? "pos" : v < 0 ? "neg" : "";
  const time = (ms) => new Date(ms).toISOString().substring(11, 19);
  const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[c]);
  const tag = (id, text, kind) => { const e = $(id); e.textContent = text; e.className = "tag " + (kind || ""); };

  function rows(tableId, items, render) {
    const body = document.querySelector("#" + tableId + " tbody");
    body.innerHTML = items.map(render).join("");
  }

  function renderChart(points) {
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    if (!chart) {
      const width = Math.max(400, ($("chart").clientWidth || 824) - 24);
      chart = new uPlot({ width: width, height: 220, scales: { x: { time: true } },
        series: [{}, { label: "equity", stroke: "#5fa8ff", width: 2 }], axes: [{ stroke: "#9aa7b5" },
        { stroke: "#9aa7b5", size: 80 }] }, [xs, ys], $("chart"));
    } else {
      chart.setData([xs, ys]);
    }
    $("chart").dataset.points = String(points.length);
  }

  function render(s) {
    tag("mode", "mode " + s.mode);
    tag("venue", "venue " + s.venue, s.venue === "live" ? "live" : "");
    tag("trading", s.trading, s.trading === "live" ? "live" : "ok");
    tag("running", s.running ? "running" : s.waiting ? "stopped: start from the panel" : "stopped",
      s.running ? "ok" : "bad");
    renderStart(s.waiting);
    tag("kill", s.killSwitch ? "KILL SWITCH ENGAGED" : "kill switch off", s.killSwitch ? "bad" : "ok");
    const book = s.book || {};
    $("numbers").innerHTML = [["equity", book.equity_usd], ["realised", book.pnl_realized_usd],
      ["unrealised", book.pnl_unrealized_usd], ["today", book.pnl_day_usd], ["fees", book.fees_usd]]
      .map(([k, v]) => `<span>${k} <b class="${k === "equity" || k === "fees" ? "" : cls(v)}">${fmt(v)}</b></span>`).join("");
    renderChart(s.equity || []);
    const instruments = s.instruments || [];
    $("feeds").innerHTML = instruments.map((i) => {
      const age = i.feedAgeSeconds;
      const stale = age === undefined || age > 30;
      return `<span class="tag ${stale ? "bad" : "ok"}">${esc(i.symbol)} ${age === undefined ? "no data" : fmt(age, 1) + " s"}</span>`;
    }).join("");
    rows("positions", instruments, (i) => `<tr><td>${esc(i.symbol)}</td><td>${fmt(i.position, 6)}</td>
      <td>${fmt(i.exposure_usd)}</td><td class="${cls(i.symbol_pnl_usd)}">${fmt(i.symbol_pnl_usd)}</td>
      <td>${fmt(i.feedAgeSeconds, 1)}</td><td>${i.session_open ? "open" : "closed"}</td>
      <td class="${i.lastActed ? "acted" : "blocked"}">${i.lastVerdict === undefined ? "–" : i.lastActed ? "acted" : "blocked: " + esc(i.lastVerdict)}</td>
      <td><button data-close="${esc(i.symbol)}">Close</button></td></tr>`);
    rows("orders", s.openOrders || [], (o) => `<tr><td>${o.id}</td><td>${esc(o.symbol)}</td><td>${o.side}</td>
      <td>${o.type}</td><td>${o.price}</td><td>${o.quantity}</td><td>${o.state}</td>
      <td><button data-cancel="${o.id}">Cancel</button></td></tr>`);
    rows("fills", s.fills || [], (f) => `<tr><td>${time(f.timeMs)}</td><td>${f.id}</td><td>${esc(f.symbol)}</td>
      <td>${f.side}</td><td>${f.price}</td><td>${f.quantity}</td><td>${f.fee}</td></tr>`);
    rows("decisions", s.decisions || [], (d) => `<tr data-decision="${d.id}"><td>${time(d.timeMs)}</td><td>${esc(d.symbol)}</td>
      <td>${d.side}</td><td>${d.quantity}</td><td>${fmt(d.blendEdgeBps)}</td>
      <td class="${d.acted ? "acted" : "blocked"}">${d.acted ? "sent #" + d.id : "blocked: " + esc(d.verdict)}</td></tr>`);
    const models = {};
    instruments.forEach((i) => Object.keys(i.models || {}).forEach((m) => { models[m] = true; }));
    const names = Object.keys(models);
    document.querySelector("#signals thead").innerHTML = "<tr><th>model</th>" +
      instruments.map((i) => `<th>${esc(i.symbol)} edge</th><th>weight</th>`).join("") + "</tr>";
    rows("signals", names, (m) => `<tr><td>${esc(m)}</td>` + instruments.map((i) => {
      const v = (i.models || {})[m] || {};
      return `<td class="${cls(v.edge_bps)}">${fmt(v.edge_bps)}</td><td>${fmt(v.weight, 3)}</td>`;
    }).join("") + "</tr>");
    const risk = s.risk || { limits: [], breakers: [] };
    const usage = { max_gross_exposure: book.exposure_gross_usd, max_net_exposure: Math.abs(book.exposure_net_usd || 0),
      var_budget: book.var_usd_historical, drawdown_stop: book.drawdown_intraday_usd,
      daily_loss_stop: Math.max(0, -(book.pnl_day_usd || 0)) };
    rows("limits", risk.limits, (l) => `<tr><td>${esc(l.limit)}</td><td>${l.limit in usage ? fmt(usage[l.limit]) : "–"}</td>
      <td>${l.usd > 0 ? fmt(l.usd) : "off"}</td></tr>`);
    rows("audit", s.audit || [], (a) => `<tr><td>${esc(String(a.wall).substring(11, 19))}</td><td>${esc(a.who)}</td>
      <td>${esc(a.what)}</td><td>${esc(a.reason)}</td></tr>`);
    $("breakers").innerHTML = risk.breakers.length === 0 ? "<li>none</li>" :
      risk.breakers.map((b) => `<li class="blocked">${esc(b.breaker)} ${esc(b.symbol)}</li>`).join("");
  }

  async function post(action, body) {
    const response = await fetch("/api/" + action, { method: "POST", headers: { "Content-Type": "application/json",
      "Authorization": "Bearer " + (tokenInput.value || "").trim() }, body: JSON.stringify(body) });
    const text = await response.text();
    $("result").textContent = action + ": HTTP " + response.status + " " + text;
    $("result").dataset.status = String(response.status);
  }

  let pending = null;
  function ask(text, action, extra) {
    pending = { action: action, extra: extra || {} };
    $("confirm-text").textContent = text;
    $("confirm").hidden = false;
  }
  $("confirm-yes").addEventListener("click", () => {
    if (pending) {
      post(pending.action, Object.assign({ reason: $("confirm-reason").value }, pending.extra));
    }
    pending = null;
    $("confirm").hidden = true;
  });
  $("confirm-no").addEventListener("click", () => { pending = null; $("confirm").hidden = true; });
  document.addEventListener("click", (e) => {
    const t = e.target;
    if (t.dataset.action) { ask("Really " + t.textContent.toLowerCase() + "?", t.dataset.action); }
    if (t.dataset.cancel) { ask("Cancel order " + t.dataset.cancel + "?", "cancel", { id: Number(t.dataset.cancel) }); }
    if (t.dataset.close) { ask("Close the " + t.dataset.close + " position at market?", "close", { symbol: t.dataset.close }); }
    const row = t.closest("tr[data-decision]");
    if (row && Number(row.dataset.decision) > 0) {
      fetch("/api/decision?id=" + row.dataset.decision).then((r) => r.text()).then((txt) => {
        $("decision").textContent = JSON.stringify(JSON.parse(txt), null, 2);
      });
    }
  });

  let modes = [];
  function renderStart(waiting) {
    $("start").hidden = !waiting;
    if (!waiting || modes.length === 0) {
      return;
    }
    const select = $("start-mode");
    if (select.options.length === 0) {
      select.innerHTML = modes.map((m) => `<option value="${esc(m.mode)}">${esc(m.mode)}</option>`).join("");
      select.addEventListener("change", symbolsFor);
      symbolsFor();
    }
  }
  function symbolsFor() {
    const chosen = modes.find((m) => m.mode === $("start-mode").value) || { symbols: [] };
    $("start-symbols").innerHTML = chosen.symbols.map((s) =>
      `<label><input type="checkbox" class="start-symbol" value="${esc(s)}" checked> ${esc(s)}</label>`).join(" ");
  }
  fetch("/api/modes").then((r) => r.json()).then((list) => { modes = list; });
  $("start-button").addEventListener("click", () => {
    const symbols = Array.from(document.querySelectorAll(".start-symbol:checked")).map((c) => c.value);
    ask("Start " + $("start-mode").value + " trading " + symbols.join(", ") + "?", "start",
      { mode: $("start-mode").value, symbols: symbols });
  });

  function runs() {
    fetch("/api/runs").then((r) => r.json()).then((list) => rows("runs", list, (r) =>
      `<tr><td>${esc(r.name)}</td><td>${r.report ? `<a href="/api/report?run=${encodeURIComponent(r.name)}" ` +
        `target="_blank">report</a>` : "journal only"}</td></tr>`));
  }
  runs();
  setInterval(runs, 30000);

  const source = new EventSource("/api/stream");
  source.addEventListener("state", (e) => render(JSON.parse(e.data)));
  source.onerror = () => tag("running", "disconnected", "bad");
})();
