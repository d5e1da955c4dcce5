package io.pipeline.platform.problem;

/** The client changed a version it read earlier, and someone changed it since: answered with 412. */
public class StaleVersionException extends RuntimeException {

    private final long expected;
    private final long actual;

    public StaleVersionException(String subject, long expected, long actual) {
        super("The client expected version " + expected + " of " + subject + " but it is at version " + actual
                + ": read it again and retry the change if it still applies");
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    public long actual() {
        return actual;
    }
}
