package io.keel.monitoring.report;

import java.util.List;
import java.util.Map;

/**
 * The report's chart data as JSON, by hand: maps, lists, strings, numbers, booleans and primitive arrays (a
 * non-finite number is written as null: a gap). A data-binding library would cost more to load than the largest
 * report takes to write, and the sma_crossover benchmark counts process start to report written.
 */
public final class ChartJson
{
    private ChartJson()
    {
    }

    public static String write(final Object value)
    {
        final StringBuilder out = new StringBuilder(1 << 16);
        append(out, value);
        return out.toString();
    }

    private static void append(final StringBuilder out, final Object value)
    {
        if (value == null)
        {
            out.append("null");
        }
        else if (value instanceof Map<?, ?> map)
        {
            out.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> e : map.entrySet())
            {
                out.append(first ? "" : ",");
                first = false;
                string(out, e.getKey().toString());
                out.append(':');
                append(out, e.getValue());
            }
            out.append('}');
        }
        else if (value instanceof List<?> list)
        {
            out.append('[');
            for (int i = 0; i < list.size(); i++)
            {
                out.append(i == 0 ? "" : ",");
                append(out, list.get(i));
            }
            out.append(']');
        }
        else if (value instanceof double[] a)
        {
            out.append('[');
            for (int i = 0; i < a.length; i++)
            {
                out.append(i == 0 ? "" : ",");
                number(out, a[i]);
            }
            out.append(']');
        }
        else if (value instanceof long[] a)
        {
            out.append('[');
            for (int i = 0; i < a.length; i++)
            {
                out.append(i == 0 ? "" : ",").append(a[i]);
            }
            out.append(']');
        }
        else if (value instanceof int[] a)
        {
            out.append('[');
            for (int i = 0; i < a.length; i++)
            {
                out.append(i == 0 ? "" : ",").append(a[i]);
            }
            out.append(']');
        }
        else if (value instanceof Double || value instanceof Float)
        {
            number(out, ((Number)value).doubleValue());
        }
        else if (value instanceof Number || value instanceof Boolean)
        {
            out.append(value);
        }
        else
        {
            string(out, value.toString());
        }
    }

    private static void number(final StringBuilder out, final double v)
    {
        if (!Double.isFinite(v))
        {
            out.append("null");
        }
        else if (v == Math.rint(v) && Math.abs(v) < 1e15)
        {
            out.append((long)v);
        }
        else if (Math.abs(v) < 1e5)
        {
            out.append((float)v); // seven significant digits are plenty for a chart's values
        }
        else
        {
            out.append(v); // times in epoch seconds and large amounts keep every digit
        }
    }

    private static void string(final StringBuilder out, final String s)
    {
        out.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c == '<')
            {
                out.append("\\u003c"); // never "</script>" inside the script element
            }
            else if (c < 0x20)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        out.append('"');
    }
}
