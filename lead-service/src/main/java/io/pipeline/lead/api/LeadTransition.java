package io.pipeline.lead.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The lead state machine of DOMAIN.md, the one place it is written down: each transition, the states it may start
 * from and the state it leads to. {@link #action()} is also the last segment of the transition's HTTP endpoint.
 */
public enum LeadTransition {
    NURTURE("nurture", LeadState.NURTURING, EnumSet.of(LeadState.CAPTURED, LeadState.MQL)),
    MARK_MQL("mark-mql", LeadState.MQL, EnumSet.of(LeadState.NURTURING)),
    QUALIFY("qualify", LeadState.SQL, EnumSet.of(LeadState.MQL)),
    ACCEPT("accept", LeadState.SAL, EnumSet.of(LeadState.SQL)),
    REJECT("reject", LeadState.REJECTED, openStates()),
    DISQUALIFY("disqualify", LeadState.DISQUALIFIED, openStates()),
    RECYCLE("recycle", LeadState.NURTURING, EnumSet.of(LeadState.REJECTED, LeadState.DISQUALIFIED)),
    CONVERT("convert", LeadState.CONVERTED, EnumSet.of(LeadState.SAL));

    private final String action;
    private final LeadState target;
    private final Set<LeadState> from;

    LeadTransition(String action, LeadState target, Set<LeadState> from) {
        this.action = action;
        this.target = target;
        this.from = from;
    }

    private static EnumSet<LeadState> openStates() {
        EnumSet<LeadState> open = EnumSet.noneOf(LeadState.class);
        Arrays.stream(LeadState.values()).filter(LeadState::isOpen).forEach(open::add);
        return open;
    }

    public String action() {
        return action;
    }

    public LeadState target() {
        return target;
    }

    public boolean startsFrom(LeadState state) {
        return from.contains(state);
    }

    /** The actions allowed from {@code state}, sorted: what a refusal names and what a client may offer next. */
    public static List<String> allowedFrom(LeadState state) {
        return Arrays.stream(values()).filter(t -> t.startsFrom(state)).map(LeadTransition::action).sorted().toList();
    }
}
