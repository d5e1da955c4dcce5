package io.pipeline.forecast.index;

import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.DealState;
import io.pipeline.forecast.figures.EventTimeline;
import io.pipeline.forecast.figures.FigureContext;
import io.pipeline.forecast.figures.Scope;
import java.time.Instant;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable snapshot of one deal's events in columns: the first {@code size} entries of arrays that later
 * appends only write beyond (or copy), so a query holding it never sees a change. Events are built on access.
 *
 * @param timeOrdered whether business times never go down along the sequence (then "as of" is a binary search)
 */
record TimelineColumns(String opportunityId, long[] sequences, long[] occurredMicros, byte[] kinds,
                       DealState[] states, String[] lostReasons, String[] competitors, int size, boolean timeOrdered,
                       long firstMicros, long lastMicros, int minCloseDay, int maxCloseDay) {

    private static final DealEvent.Kind[] KINDS = DealEvent.Kind.values();

    static TimelineColumns empty(String opportunityId) {
        return new TimelineColumns(opportunityId, new long[2], new long[2], new byte[2], new DealState[2], null, null,
                0, true, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE);
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    DealEvent event(int i) {
        return new DealEvent(opportunityId, sequences[i], KINDS[kinds[i]], instant(occurredMicros[i]), states[i],
                lostReasons == null ? null : lostReasons[i], competitors == null ? null : competitors[i]);
    }

    /** How many events (from the first) are at or before {@code micros}; only meaningful when time-ordered. */
    int countUpTo(long micros) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (occurredMicros[mid] <= micros) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Whether the deal can matter to a period: an event in its time range or a close date ever in its dates. */
    boolean concerns(long fromMicros, long toMicros, int fromDay, int toDay, long asOfMicros) {
        return size > 0 && concerns(firstMicros, lastMicros, minCloseDay, maxCloseDay, fromMicros, toMicros, fromDay,
                toDay, asOfMicros);
    }

    /** {@link #concerns} on a deal's bounds alone (the index keeps them side by side for every deal too). */
    static boolean concerns(long firstMicros, long lastMicros, int minCloseDay, int maxCloseDay, long fromMicros,
                            long toMicros, int fromDay, int toDay, long asOfMicros) {
        if (firstMicros > asOfMicros) {
            return false;
        }
        boolean eventsOverlap = firstMicros < toMicros && lastMicros >= fromMicros;
        boolean closeDatesOverlap = minCloseDay < toDay && maxCloseDay >= fromDay;
        return eventsOverlap || closeDatesOverlap;
    }

    /**
     * Whether one of the deal's states known at {@code asOfMicros} is in the asked scope: every figure reads only
     * such states (a deal never in scope up to t adds nothing to any of them), so a query can skip the others
     * before building a single event. States whose owner, team, region and segment are the very strings of the
     * previous one (the dictionary shares them) place the deal the same way and are not asked again.
     */
    boolean everInScope(FigureContext ctx, long asOfMicros) {
        if (ctx.scope().level() == Scope.Level.ORG) {
            return true;
        }
        DealState asked = null;
        for (int i = 0; i < size; i++) {
            if (occurredMicros[i] > asOfMicros) {
                if (timeOrdered) {
                    return false;
                }
                continue;
            }
            DealState s = states[i];
            if (asked == null || s.ownerId() != asked.ownerId() || s.teamId() != asked.teamId()
                    || s.regionId() != asked.regionId() || s.segment() != asked.segment()) {
                if (ctx.inScope(s)) {
                    return true;
                }
                asked = s;
            }
        }
        return false;
    }

    /** The state after every event (as of any instant at or after the newest, whatever the times' order). */
    DealState newestState() {
        return size == 0 ? null : states[size - 1];
    }

    /** The view the figures read. */
    Timeline view() {
        return new Timeline(this);
    }

    /**
     * The figures' adapter over the columns: one list of events, answering "as of" from the columns. One is made
     * per query and deal, read by one thread: the events it builds are kept for the query's other passes over the
     * deal (a figure reads an event and its neighbours, some walk a history twice).
     */
    static final class Timeline extends AbstractList<DealEvent> implements EventTimeline, RandomAccess {

        private final TimelineColumns columns;
        private DealEvent[] built;

        Timeline(TimelineColumns columns) {
            this.columns = columns;
        }

        @Override
        public DealEvent get(int index) {
            if (index < 0 || index >= columns.size) {
                throw new IndexOutOfBoundsException(index);
            }
            if (built == null) {
                built = new DealEvent[columns.size];
            }
            DealEvent event = built[index];
            if (event == null) {
                event = columns.event(index);
                built[index] = event;
            }
            return event;
        }

        @Override
        public int size() {
            return columns.size;
        }

        @Override
        public List<DealEvent> asOf(Instant t) {
            long micros = micros(t);
            if (columns.timeOrdered) {
                return subList(0, columns.countUpTo(micros));
            }
            return stream().filter(e -> !e.occurredAt().isAfter(t)).toList();
        }

        @Override
        public int knownBefore(Instant t) {
            return columns.timeOrdered ? columns.countUpTo(micros(t)) : 0;
        }

        @Override
        public DealState stateAt(Instant t) {
            long micros = micros(t);
            if (columns.timeOrdered) {
                int count = columns.countUpTo(micros);
                return count == 0 ? null : columns.states[count - 1];
            }
            DealState state = null;
            for (int i = 0; i < columns.size; i++) {
                if (columns.occurredMicros[i] <= micros) {
                    state = columns.states[i];
                }
            }
            return state;
        }
    }
}
