package io.keel.app;

import java.io.PrintWriter;
import java.util.function.ObjDoubleConsumer;

/** The progress bar of long commands (import, backtest): one line redrawn on a terminal, nothing otherwise. */
public final class TerminalProgress
{
    private static final int WIDTH = 40;

    private TerminalProgress()
    {
    }

    /**
     * @return a bar drawn on {@code err} from any thread: a line of text and the fraction done (NaN: unknown, text
     *     only); null when there is no terminal (output redirected), so nothing is drawn into logs.
     */
    public static ObjDoubleConsumer<String> bar(final PrintWriter err)
    {
        if (System.console() == null)
        {
            return null;
        }
        return (text, fraction) ->
        {
            final int filled = Double.isNaN(fraction) ? 0 : (int)(Math.min(1, Math.max(0, fraction)) * WIDTH);
            synchronized (err)
            {
                err.print("\r" + (Double.isNaN(fraction) ? "" : "[" + "#".repeat(filled) + ".".repeat(WIDTH -
                    filled) + "] " + (int)(fraction * 100) + "% ") + text + "        ");
                err.flush();
            }
        };
    }
}
