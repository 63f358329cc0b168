package io.keel.monitoring.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The report's hand-written JSON: exact times, gaps as null, a script element that cannot be closed by data. */
class ChartJsonTest
{
    @Test
    void shouldKeepEpochSecondsExactAndWriteGapsAsNull()
    {
        assertEquals("[1.7231611995E9,1723161200,61829.8,null,null]", ChartJson.write(new double[] {1_723_161_199.5,
            1_723_161_200, 61_829.8, Double.NaN, Double.POSITIVE_INFINITY}));
        assertEquals("[0.0015,-2,null]", ChartJson.write(Arrays.asList(0.0015, -2.0, null)));
    }

    @Test
    void shouldWriteMapsInOrderAndEscapeStrings()
    {
        final Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", List.of(1, 2L));
        map.put("a", "say \"hi\"</script>\n");
        map.put("ok", true);
        map.put("n", new long[] {3});
        assertEquals("{\"z\":[1,2],\"a\":\"say \\\"hi\\\"\\u003c/script>\\u000a\",\"ok\":true,\"n\":[3]}",
            ChartJson.write(map));
        assertEquals(ChartJson.write(ReportCharts.equityAndUnderwater(new double[] {1, 2}, new double[] {1, 2},
            new double[] {1, 1}, "b")), ChartJson.write(ReportCharts.equityAndUnderwater(new double[] {1, 2},
            new double[] {1, 2}, new double[] {1, 1}, "b")));
        assertEquals('{', ChartJson.write(ReportCharts.equityAndUnderwater(new double[] {1, 2}, new double[] {1, 2},
            new double[] {1, 1}, "b")).charAt(0));
    }
}
