package io.pipeline.forecast.figures;

import java.util.Arrays;

/**
 * Durations in seconds, with repeats, that can be added and taken back and read in ascending order: what a
 * median and a p90 need. Changes wait in two small buffers and are merged into the sorted array when it is read,
 * so a running figure that gets a few changes between reads pays one linear merge, not a sort of everything.
 * Not thread-safe: its owner guards it.
 */
final class SecondsMultiset {

    private long[] sorted = new long[0];
    private int size;
    private long[] added = new long[8];
    private int addedCount;
    private long[] removed = new long[8];
    private int removedCount;

    void add(long seconds) {
        if (addedCount == added.length) {
            added = Arrays.copyOf(added, addedCount * 2);
        }
        added[addedCount++] = seconds;
    }

    /** Takes back one value added before (it must be there). */
    void remove(long seconds) {
        if (removedCount == removed.length) {
            removed = Arrays.copyOf(removed, removedCount * 2);
        }
        removed[removedCount++] = seconds;
    }

    /** Adds every value of the other (a scope's durations put together from its placements'). */
    void addAll(SecondsMultiset other) {
        long[] values = other.ascending();
        int n = other.count();
        if (addedCount + n > added.length) {
            added = Arrays.copyOf(added, Math.max(addedCount + n, added.length * 2));
        }
        System.arraycopy(values, 0, added, addedCount, n);
        addedCount += n;
    }

    int count() {
        return size + addedCount - removedCount;
    }

    /** The values in ascending order: the first {@link #count()} entries of the array (do not modify it). */
    long[] ascending() {
        if (addedCount > 0 || removedCount > 0) {
            merge();
        }
        return sorted;
    }

    SecondsMultiset copy() {
        SecondsMultiset copy = new SecondsMultiset();
        copy.sorted = Arrays.copyOf(sorted, size);
        copy.size = size;
        copy.added = Arrays.copyOf(added, Math.max(8, addedCount));
        copy.addedCount = addedCount;
        copy.removed = Arrays.copyOf(removed, Math.max(8, removedCount));
        copy.removedCount = removedCount;
        return copy;
    }

    private void merge() {
        Arrays.sort(added, 0, addedCount);
        Arrays.sort(removed, 0, removedCount);
        long[] merged = new long[count()];
        int out = 0;
        int i = 0;
        int j = 0;
        int r = 0;
        while (i < size || j < addedCount) {
            long next = j >= addedCount || (i < size && sorted[i] <= added[j]) ? sorted[i++] : added[j++];
            if (r < removedCount && removed[r] < next) {
                throw new IllegalStateException("took back " + removed[r] + " s, which was never added");
            }
            if (r < removedCount && removed[r] == next) {
                r++;
            } else {
                merged[out++] = next;
            }
        }
        if (r < removedCount) {
            throw new IllegalStateException("took back " + removed[r] + " s, which was never added");
        }
        sorted = merged;
        size = out;
        addedCount = 0;
        removedCount = 0;
    }
}
