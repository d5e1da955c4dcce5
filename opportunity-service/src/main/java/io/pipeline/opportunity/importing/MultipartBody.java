package io.pipeline.opportunity.importing;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} request body for {@code java.net.http}, which has no builder for one. A file part
 * given as a path is read from disk as the request is sent, so a 1.8 GB export never sits in the client's heap.
 */
public final class MultipartBody {

    private final String boundary = "pipeline-import-" + UUID.randomUUID();
    private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

    public MultipartBody file(String part, String fileName, byte[] content) {
        head(part, fileName);
        parts.add(HttpRequest.BodyPublishers.ofByteArray(content));
        parts.add(text("\r\n"));
        return this;
    }

    public MultipartBody file(String part, String fileName, Path content) {
        head(part, fileName);
        try {
            parts.add(HttpRequest.BodyPublishers.ofFile(content));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
        parts.add(text("\r\n"));
        return this;
    }

    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    public HttpRequest.BodyPublisher publisher() {
        List<HttpRequest.BodyPublisher> complete = new ArrayList<>(parts);
        complete.add(text("--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(complete.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private void head(String part, String fileName) {
        parts.add(text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName.replace("\"", "") + "\"\r\nContent-Type: text/csv\r\n\r\n"));
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }
}
