package io.pipeline.platform.web;

import java.net.URI;

/** The {@code type} URIs of our RFC 9457 problem responses; each names a kind of problem a client can act on. */
public final class ProblemTypes {

    public static final URI INVALID_REQUEST = URI.create("urn:pipeline:problem:invalid-request");
    public static final URI MALFORMED_REQUEST = URI.create("urn:pipeline:problem:malformed-request");
    public static final URI REQUEST_TOO_LARGE = URI.create("urn:pipeline:problem:request-too-large");
    public static final URI UNAUTHENTICATED = URI.create("urn:pipeline:problem:unauthenticated");
    public static final URI FORBIDDEN = URI.create("urn:pipeline:problem:forbidden");
    public static final URI TOO_MANY_REQUESTS = URI.create("urn:pipeline:problem:too-many-requests");
    public static final URI NOT_FOUND = URI.create("urn:pipeline:problem:not-found");
    public static final URI STATE_CONFLICT = URI.create("urn:pipeline:problem:state-conflict");
    public static final URI STALE_VERSION = URI.create("urn:pipeline:problem:stale-version");
    public static final URI SERVICE_UNAVAILABLE = URI.create("urn:pipeline:problem:service-unavailable");
    public static final URI INTERNAL_ERROR = URI.create("urn:pipeline:problem:internal-error");

    private ProblemTypes() {
    }
}
