package io.pipeline.forecast.index;

/** How the index's per-subject columns (deals, leads) grow: copies with a gap, never a change of a shared array. */
final class ColumnArrays {

    private ColumnArrays() {
    }

    /** A copy with one free slot at {@code gap} and room to grow by half again. */
    static <A> A grown(A array, int size, int gap) {
        int capacity = Math.max(4, size + 1 + (size >> 1));
        @SuppressWarnings("unchecked")
        A copy = (A) java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), capacity);
        System.arraycopy(array, 0, copy, 0, gap);
        System.arraycopy(array, gap, copy, gap + 1, size - gap);
        return copy;
    }
}
