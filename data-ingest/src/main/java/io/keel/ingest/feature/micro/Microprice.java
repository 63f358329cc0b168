package io.keel.ingest.feature.micro;

/** The size-weighted mid: {@code (bid x askSize + ask x bidSize) / (bidSize + askSize)}, leaning to the thin side. */
public final class Microprice
{
    private Microprice()
    {
    }

    /** @return the microprice, or the plain mid when both sizes are zero. */
    public static double of(final double bid, final double bidSize, final double ask, final double askSize)
    {
        final double total = bidSize + askSize;
        return total <= 0 ? (bid + ask) / 2 : (bid * askSize + ask * bidSize) / total;
    }
}
