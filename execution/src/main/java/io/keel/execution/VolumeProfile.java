package io.keel.execution;

import java.util.Arrays;

/** Traded volume in the last {@code n} buckets of event time, a ring: what a VWAP parent's schedule follows. */
final class VolumeProfile
{
    private final long[] volume;
    private long bucket = Long.MIN_VALUE;

    VolumeProfile(final int buckets)
    {
        this.volume = new long[buckets];
    }

    /** Adds a trade's quantity to its bucket; buckets skipped since the last trade are emptied. */
    void add(final long timestampNs, final long quantity, final long bucketNs)
    {
        final int n = volume.length;
        final long b = Math.floorDiv(timestampNs, Math.max(1, bucketNs));
        if (bucket == Long.MIN_VALUE || b - bucket >= n)
        {
            Arrays.fill(volume, 0);
        }
        else
        {
            for (long k = bucket + 1; k <= b; k++)
            {
                volume[Math.floorMod(k, n)] = 0;
            }
        }
        bucket = Math.max(bucket, b);
        volume[Math.floorMod(bucket, n)] += quantity;
    }

    /** Copies the buckets, oldest first, up to the one now filling. */
    void copyTo(final double[] out)
    {
        final int n = volume.length;
        final long current = bucket == Long.MIN_VALUE ? 0 : bucket;
        for (int i = 0; i < n; i++)
        {
            out[i] = volume[Math.floorMod(current - n + 1 + i, n)];
        }
    }
}
