package io.keel.ingest.feature.ta;

/** Volume-weighted average of the typical price {@code (high + low + close) / 3} over the last n bars. O(1). */
public final class Vwap
{
    private final Window priceVolume;
    private final Window volume;
    private double sumPriceVolume;
    private double sumVolume;

    /** @param n window length in bars. */
    public Vwap(final int n)
    {
        priceVolume = new Window(n);
        volume = new Window(n);
    }

    /** Adds a bar. @return the VWAP (NaN while the window holds no volume). */
    public double update(final double high, final double low, final double close, final double barVolume)
    {
        final double typical = (high + low + close) / 3;
        final double droppedPv = priceVolume.add(typical * barVolume);
        final double droppedV = volume.add(barVolume);
        sumPriceVolume += typical * barVolume - (Double.isNaN(droppedPv) ? 0 : droppedPv);
        sumVolume += barVolume - (Double.isNaN(droppedV) ? 0 : droppedV);
        return value();
    }

    /** @return the VWAP. */
    public double value()
    {
        return sumVolume <= 0 ? Double.NaN : sumPriceVolume / sumVolume;
    }
}
