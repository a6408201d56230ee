package dev.tandem.bench;

import java.util.Arrays;

/** A growable array of longs written by one thread at a time (a client's listener is called serially). */
final class LongSamples {
    private long[] values = new long[256];
    private int size;

    synchronized void add(long value) {
        if (size == values.length) values = Arrays.copyOf(values, size * 2);
        values[size++] = value;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    static long[] concat(Iterable<LongSamples> all) {
        long[] result = new long[0];
        for (LongSamples s : all) {
            long[] part = s.toArray();
            int at = result.length;
            result = Arrays.copyOf(result, at + part.length);
            System.arraycopy(part, 0, result, at, part.length);
        }
        return result;
    }
}
