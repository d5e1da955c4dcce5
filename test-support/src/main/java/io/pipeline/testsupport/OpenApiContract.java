package io.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document, fetched over real HTTP as clients get it, and the check that a real response keeps
 * its promise: the status is one the operation lists, and the body is valid against that status's schema (JSON
 * Schema 2020-12, the dialect of OpenAPI 3.1, by networknt's validator). A body of a status the document gives no
 * content for is not checked; a status it does not list fails. A body that is not JSON (CSV) is checked for its status
 * and media type only.
 *
 * <p>The contract remembers which operations had a success (2xx) validated: {@link #assertEveryOperationValidated()}
 * fails while an operation (path and method) of the served document has none, so a new endpoint cannot slip by
 * untested. Keep one contract per test class (a static field) and check it in {@code @AfterAll}.
 */
public final class OpenApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode document;
    /** "METHOD /path/{template}" -> the statuses validated. */
    private final Map<String, Set<Integer>> validated = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** @param baseUrl the service's root, such as {@code http://127.0.0.1:8082}; the document is at /v3/api-docs */
    public static OpenApiContract of(String baseUrl) {
        HttpJson.Response served = new HttpJson(baseUrl).get("/v3/api-docs");
        assertThat(served.status()).as("the OpenAPI document: " + served.body()).isEqualTo(200);
        JsonNode document = served.json();
        assertThat(document.path("openapi").asString()).as("an OpenAPI 3.1 document").startsWith("3.1");
        keepForReading(served.body());
        return new OpenApiContract(document);
    }

    /** The served document in the module's {@code target/openapi/served.json}, to read after a failed check. */
    private static void keepForReading(String document) {
        try {
            Path target = Path.of("target", "openapi");
            Files.createDirectories(target);
            Files.writeString(target.resolve("served.json"), document);
        } catch (IOException | RuntimeException e) {
            // only a convenience: a read-only or missing target directory does not fail the test
        }
    }

    /** Every operation of the document as "METHOD /path", in the document's order. */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** Fails naming each operation of the document that no validated success (2xx) answer covered. */
    public void assertEveryOperationValidated() {
        List<String> uncovered = operations().stream()
                .filter(operation -> validated.getOrDefault(operation, Set.of()).stream().noneMatch(s -> s / 100 == 2))
                .toList();
        assertThat(uncovered).as("operations of the served document without a validated success answer "
                + "(validated: " + new TreeMap<>(validated) + ")").isEmpty();
    }

    public JsonNode document() {
        return document;
    }

    /** The document's operation for {@code method} on {@code pathTemplate} (as written there: {@code /api/leads/{id}}). */
    public JsonNode operation(String method, String pathTemplate) {
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isObject()).as(method + " " + pathTemplate + " is in the document").isTrue();
        return operation;
    }

    /**
     * Asserts that {@code response}, the answer of {@code method} on {@code pathTemplate}, is what the document says
     * that operation answers.
     *
     * @return the response, for further assertions
     */
    public HttpJson.Response assertConforms(String method, String pathTemplate, HttpJson.Response response) {
        String operationName = method + " " + pathTemplate + " answered " + response.status() + " " + response.body();
        JsonNode responses = operation(method, pathTemplate).path("responses");
        JsonNode documented = responses.path(String.valueOf(response.status()));
        assertThat(documented.isObject()).as(operationName + ": status listed among " + responses.propertyNames())
                .isTrue();
        JsonNode content = resolve(documented).path("content");
        if (content.isEmpty() || response.body().isEmpty()) {
            assertThat(response.body()).as(operationName + ": a body the document has no content for").isEmpty();
            return recorded(method, pathTemplate, response);
        }
        String contentType = response.header("Content-Type");
        assertThat(contentType).as(operationName + ": Content-Type").isNotNull();
        String mediaType = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.has(mediaType) ? content.path(mediaType) : content.path("*/*");
        assertThat(media.isObject()).as(operationName + ": media type " + mediaType + " among "
                + content.propertyNames()).isTrue();
        if (mediaType.endsWith("json")) {
            List<Error> errors = schema(media.path("schema")).validate(JSON.readTree(response.body()));
            assertThat(errors).as(operationName + ": body valid against the documented schema").isEmpty();
        }
        return recorded(method, pathTemplate, response);
    }

    private HttpJson.Response recorded(String method, String pathTemplate, HttpJson.Response response) {
        validated.computeIfAbsent(method.toUpperCase(Locale.ROOT) + " " + pathTemplate,
                operation -> ConcurrentHashMap.newKeySet()).add(response.status());
        return response;
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asString().substring(1)) : node;
    }

    /** The response's schema with the document's components beside it, so its {@code #/components/...} refs resolve. */
    private Schema schema(JsonNode responseSchema) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("allOf", JSON.createArrayNode().add(responseSchema));
        root.set("components", document.path("components"));
        return SCHEMAS.getSchema(JSON.writeValueAsString(root));
    }
}
