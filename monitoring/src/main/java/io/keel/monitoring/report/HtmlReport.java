package io.keel.monitoring.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code report.html} of a backtest, self-contained: uPlot (vendored, MIT) and the data are inlined, so it opens
 * offline and needs no network at view time. It draws whichever of these charts its data has: equity against
 * buy-and-hold, the underwater curve with the worst drawdowns marked, daily returns, the monthly returns heatmap,
 * the distribution of daily returns, the rolling Sharpe ratio, exposure and leverage, and prices with the fills;
 * then the statistics and the tables. {@code body[data-charts]} counts the charts drawn (the browser test reads
 * it).
 */
public final class HtmlReport
{
    private static final String PANEL = "/io/keel/monitoring/panel/";

    /** A table of the report. */
    public record Table(String title, List<String> headers, List<List<String>> rows, String note)
    {
    }

    /**
     * What the report shows.
     *
     * @param title      page title.
     * @param subtitle   one line under it (what was run, on what).
     * @param statistics name and value rows.
     * @param tables     further tables, in order.
     * @param charts     chart data by name (equity, underwater, daily, monthly, distribution, rolling, exposure,
     *                   prices), x values in epoch seconds; NaN points are drawn as gaps.
     */
    public record Data(String title, String subtitle, List<String[]> statistics, List<Table> tables,
        Map<String, Object> charts)
    {
    }

    private HtmlReport()
    {
    }

    private static String resource(final String name) throws IOException
    {
        try (InputStream in = HtmlReport.class.getResourceAsStream(PANEL + name))
        {
            if (in == null)
            {
                throw new IOException("missing packaged resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    public static void write(final Path file, final Data data) throws IOException
    {
        final StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .append(escape(data.title())).append("</title>\n<style>").append(resource("uplot-1.6.32.min.css"))
            .append("\nbody{font:13px system-ui,sans-serif;margin:16px;background:#fff;color:#111;max-width:1000px}" +
                "table{border-collapse:collapse;margin-bottom:8px}td,th{padding:2px 8px;text-align:right;" +
                "border-bottom:1px solid #eee}td:first-child,th:first-child{text-align:left}h2{font-size:15px;" +
                "margin-top:22px}.note{color:#555}.heat td{min-width:44px}</style></head><body>\n<h1>")
            .append(escape(data.title())).append("</h1>\n<p class=\"note\">").append(escape(data.subtitle()))
            .append("</p>\n<div id=\"charts\"></div>\n<h2>Statistics</h2><table>\n");
        for (final String[] row : data.statistics())
        {
            html.append("<tr><td>").append(escape(row[0])).append("</td><td>").append(escape(row[1]))
                .append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (final Table table : data.tables())
        {
            html.append("<h2>").append(escape(table.title())).append("</h2>");
            if (table.note() != null)
            {
                html.append("<p class=\"note\">").append(escape(table.note())).append("</p>");
            }
            html.append("<table><tr>");
            table.headers().forEach(h -> html.append("<th>").append(escape(h)).append("</th>"));
            html.append("</tr>\n");
            for (final List<String> row : table.rows())
            {
                html.append("<tr>");
                row.forEach(c -> html.append("<td>").append(escape(c)).append("</td>"));
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("<script>").append(resource("uplot-1.6.32.iife.min.js")).append("</script>\n<script>\nconst D=")
            .append(ChartJson.write(data.charts())).append(";\n").append(SCRIPT).append("</script></body></html>\n");
        Files.writeString(file, html, StandardCharsets.UTF_8);
    }

    public static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String SCRIPT = """
        const root=document.getElementById('charts');let drawn=0;
        const W=Math.min(960,window.innerWidth-40);
        const nan=a=>a.map(v=>(v===null||Number.isNaN(v))?null:v);
        function box(title){const h=document.createElement('h2');h.textContent=title;root.appendChild(h);
          const d=document.createElement('div');root.appendChild(d);return d;}
        function line(title,x,series,extra){const el=box(title);
          const opts=Object.assign({width:W,height:260,axes:[{},{size:80}],series:[{}].concat(series.map(s=>s.o))},
            extra||{});
          new uPlot(opts,[x].concat(series.map(s=>nan(s.v))),el);drawn++;}
        const bars=()=>uPlot.paths.bars({size:[0.9,40]});
        const pctAxes={axes:[{},{size:80,values:(u,vs)=>vs.map(v=>(v*100).toFixed(1)+'%')}]};
        if(D.equity){line('Equity against buy-and-hold',D.equity.x,[
          {o:{label:'strategy',stroke:'#1f6feb',width:1.5},v:D.equity.strategy},
          {o:{label:D.equity.benchmarkLabel||'buy and hold',stroke:'#999',width:1},v:D.equity.benchmark}]);}
        if(D.underwater){const w=D.underwater.worst||[];line('Underwater, with the '+w.length+
          ' worst drawdowns marked',D.underwater.x,[{o:{label:'drawdown',stroke:'#c62828',fill:'rgba(198,40,40,.1)'},
          v:D.underwater.dd}],{hooks:{drawClear:[u=>{const c=u.ctx;c.save();w.forEach((d,i)=>{
            const a=u.valToPos(d.from,'x',true),b=u.valToPos(d.to,'x',true);c.fillStyle='rgba(255,160,0,.18)';
            c.fillRect(a,u.bbox.top,Math.max(2,b-a),u.bbox.height);c.fillStyle='#b26a00';
            c.font=(12*devicePixelRatio)+'px sans-serif';c.fillText(String(i+1)+' ('+(d.depth*100).toFixed(1)+
            '%)',a+3,u.bbox.top+14*devicePixelRatio);});c.restore();}]},axes:pctAxes.axes});}
        if(D.daily){line('Daily returns',D.daily.x,[{o:{label:'return',fill:'rgba(31,111,235,.6)',
          stroke:'#1f6feb',paths:bars(),points:{show:false}},v:D.daily.r}],pctAxes);}
        if(D.monthly&&D.monthly.length){const el=box('Monthly returns (%)');const years=[...new Set(D.monthly.map(
          m=>m[0]))];const max=Math.max(1e-9,...D.monthly.map(m=>Math.abs(m[2])));const t=document.createElement(
          'table');t.className='heat';let h='<tr><th>year</th>';['Jan','Feb','Mar','Apr','May','Jun','Jul','Aug',
          'Sep','Oct','Nov','Dec'].forEach(m=>h+='<th>'+m+'</th>');h+='</tr>';years.forEach(y=>{h+='<tr><td>'+y+
          '</td>';for(let m=1;m<=12;m++){const c=D.monthly.find(r=>r[0]===y&&r[1]===m);if(!c){h+='<td></td>';continue;}
          const a=Math.min(1,Math.abs(c[2])/max)*0.75;const col=c[2]>=0?'rgba(46,125,50,'+a+')':'rgba(198,40,40,'+
          a+')';h+='<td style="background:'+col+'">'+(c[2]*100).toFixed(1)+'</td>';}h+='</tr>';});t.innerHTML=h;
          el.appendChild(t);drawn++;}
        if(D.distribution&&D.distribution.counts.length){const e=D.distribution.edges;const mids=D.distribution
          .counts.map((c,i)=>(e[i]+e[i+1])/2*100);line('Distribution of daily returns (%)',mids,[{o:{label:'days',
          fill:'rgba(31,111,235,.6)',stroke:'#1f6feb',paths:bars(),points:{show:false}},v:D.distribution.counts}],
          {scales:{x:{time:false}}});}
        if(D.rolling){line('Rolling Sharpe ratio ('+D.rolling.window+' days)',D.rolling.x,[{o:{label:'Sharpe',
          stroke:'#6a1b9a'},v:D.rolling.sharpe}]);}
        if(D.exposure){line('Exposure and leverage',D.exposure.x,[{o:{label:'gross exposure',stroke:'#ef6c00',
          scale:'$'},v:D.exposure.gross},{o:{label:'net exposure',stroke:'#1f6feb',scale:'$'},v:D.exposure.net},
          {o:{label:'leverage (gross / equity)',stroke:'#555',scale:'lev'},v:D.exposure.leverage}],
          {axes:[{},{scale:'$',size:80},{scale:'lev',side:1,grid:{show:false}}]});}
        (D.prices||[]).forEach(p=>line(p.symbol+': price with fills',p.x,[{o:{label:'mid',stroke:'#444',
          spanGaps:true},v:p.mid},{o:{label:'buy',stroke:'#2e7d32',paths:()=>null,points:{show:true,size:8,
          fill:'#2e7d32'}},v:p.buy},{o:{label:'sell',stroke:'#c62828',paths:()=>null,points:{show:true,size:8,
          fill:'#c62828'}},v:p.sell}]));
        document.body.dataset.charts=String(drawn);
        """;
}
