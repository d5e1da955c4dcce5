package io.pipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A service's OpenAPI document, fetched over real HTTP as clients get it, and the check that a real response keeps
 * its promise: the status is one the operation lists, and the body is valid against that status's schema (JSON
 * Schema 2020-12, the dialect of OpenAPI 3.1, by networknt's validator). A body of a status the document gives no
 * content for is not checked; a status it does not list fails.
 */
public final class OpenApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final JsonNode document;

    private OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** @param baseUrl the service's root, such as {@code http://127.0.0.1:8082}; the document is at /v3/api-docs */
    public static OpenApiContract of(String baseUrl) {
        HttpJson.Response served = new HttpJson(baseUrl).get("/v3/api-docs");
        assertThat(served.status()).as("the OpenAPI document: " + served.body()).isEqualTo(200);
        JsonNode document = served.json();
        assertThat(document.path("openapi").asString()).as("an OpenAPI 3.1 document").startsWith("3.1");
        return new OpenApiContract(document);
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
            return response;
        }
        String contentType = response.header("Content-Type");
        assertThat(contentType).as(operationName + ": Content-Type").isNotNull();
        String mediaType = contentType.split(";")[0].trim();
        JsonNode media = content.has(mediaType) ? content.path(mediaType) : content.path("*/*");
        assertThat(media.isObject()).as(operationName + ": media type " + mediaType + " among "
                + content.propertyNames()).isTrue();
        List<Error> errors = schema(media.path("schema")).validate(JSON.readTree(response.body()));
        assertThat(errors).as(operationName + ": body valid against the documented schema").isEmpty();
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
