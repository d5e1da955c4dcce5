package io.pipeline.platform.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestSize requests with a larger body are refused with 413 before they are read
 * @param largerBodies   paths that take larger bodies (a CRM import's files), each with its own limit
 */
@ConfigurationProperties("pipeline.web")
public record WebSettings(@DefaultValue("1MB") DataSize maxRequestSize, @DefaultValue List<LargerBody> largerBodies) {

    /** @param path the path itself or any path below it */
    public record LargerBody(String path, DataSize maxSize) {
        boolean covers(String requestPath) {
            return requestPath.equals(path) || requestPath.startsWith(path.endsWith("/") ? path : path + "/");
        }
    }

    /** The largest body accepted on this path. */
    public long maxBytesFor(String requestPath) {
        return largerBodies.stream().filter(b -> b.covers(requestPath)).mapToLong(b -> b.maxSize().toBytes())
                .findFirst().orElse(maxRequestSize.toBytes());
    }
}
