package io.pipeline.platform.problem;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A command the current state does not allow: answered with 409, naming the current state and what is allowed
 * from it, so the client can decide what to do next.
 */
public class IllegalTransitionException extends RuntimeException {

    private final String currentState;
    private final SortedSet<String> allowed;

    public IllegalTransitionException(String subject, String attempted, String currentState, Iterable<String> allowed) {
        super(buildMessage(subject, attempted, currentState, allowed));
        this.currentState = currentState;
        this.allowed = new TreeSet<>();
        allowed.forEach(this.allowed::add);
    }

    private static String buildMessage(String subject, String attempted, String currentState, Iterable<String> allowed) {
        List<String> list = new java.util.ArrayList<>();
        allowed.forEach(list::add);
        return "Cannot " + attempted + " " + subject + " in state " + currentState
                + (list.isEmpty() ? "; it is final and allows nothing more" : "; allowed from here: " + String.join(", ",
                new TreeSet<>(list)));
    }

    public String currentState() {
        return currentState;
    }

    public SortedSet<String> allowed() {
        return allowed;
    }
}
