package io.pipeline.platform.problem;

/** The thing asked for does not exist: answered with 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String kind, String id) {
        super("No " + kind + " with id " + id);
    }
}
