package io.pipeline.opportunity;

import io.pipeline.testsupport.HttpJson;
import io.pipeline.testsupport.RealInfrastructure;
import io.pipeline.testsupport.RequestBodies;
import io.pipeline.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The one Spring context of the HTTP tests: the whole service on the real PostgreSQL and Kafka. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "opportunities")
public abstract class HttpTestBase {

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    protected HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson("http://127.0.0.1:" + port, TestTokens.admin());
    }

    protected static ConditionFactory eventually() {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50));
    }

    public static Map<String, Object> validRequest(String id) {
        return RequestBodies.openDeal(id);
    }

    protected HttpJson.Response post(String path, Object body, String ifMatch) {
        return send("POST", path, body, ifMatch);
    }

    protected HttpJson.Response put(String path, Object body) {
        return send("PUT", path, body, null);
    }

    protected HttpJson.Response put(String path, Object body, String ifMatch) {
        return send("PUT", path, body, ifMatch);
    }

    private HttpJson.Response send(String method, String path, Object body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : HttpJson.toJson(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request);
    }
}
