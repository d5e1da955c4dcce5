package io.pipeline.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guards the consumers of the public topics. The committed schemas (event-contract/src/main/resources/schemas/v1)
 * and AsyncAPI document (docs/events/asyncapi.json) are what consumers were promised: a change that removes or
 * retypes a field, or renames a type, fails here. After an allowed change (a new field, a new type) record the
 * documents anew with {@code ./mvnw -pl event-contract test -Dcontract.update=true} and commit them.
 */
class ContractCompatibilityTest {

    static final Path SCHEMAS = Path.of("src/main/resources/schemas/v1");
    static final Path ASYNC_API = Path.of("../docs/events/asyncapi.json");
    static final String UPDATE_HINT = "record the documents with ./mvnw -pl event-contract test -Dcontract.update=true";

    @Test
    void noChangeBreaksAConsumerOfAPublishedSchema() throws IOException {
        Map<String, ObjectNode> current = ContractDocuments.schemas();
        List<String> breaks = new ArrayList<>();
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".schema.json")).sorted().toList()) {
                String typeName = file.getFileName().toString().replace(".schema.json", "");
                JsonNode published = ContractDocuments.JSON.readTree(file.toFile());
                breaks.addAll(SchemaCompatibility.breaks(typeName, published, current.get(typeName)));
            }
        }
        assertThat(breaks).as("changes that would break existing consumers; make a new topic version instead"
                + " (docs/events/EVOLUTION.md)").isEmpty();
    }

    @Test
    void theCommittedDocumentsDescribeTheCurrentEvents() throws IOException {
        Map<String, ObjectNode> current = ContractDocuments.schemas();
        String asyncApi = ContractDocuments.JSON.writeValueAsString(ContractDocuments.asyncApi()) + "\n";
        if (Boolean.getBoolean("contract.update")) {
            Files.createDirectories(SCHEMAS);
            for (Map.Entry<String, ObjectNode> schema : current.entrySet()) {
                Files.writeString(SCHEMAS.resolve(schema.getKey() + ".schema.json"),
                        ContractDocuments.JSON.writeValueAsString(schema.getValue()) + "\n");
            }
            Files.createDirectories(ASYNC_API.getParent());
            Files.writeString(ASYNC_API, asyncApi);
        }
        for (Map.Entry<String, ObjectNode> schema : current.entrySet()) {
            Path file = SCHEMAS.resolve(schema.getKey() + ".schema.json");
            assertThat(file).as("schema of " + schema.getKey() + " is recorded; " + UPDATE_HINT).exists();
            assertThat(ContractDocuments.JSON.readTree(file.toFile())).as(file + " is current; " + UPDATE_HINT)
                    .isEqualTo(schema.getValue());
        }
        assertThat(Files.readString(ASYNC_API)).as(ASYNC_API + " is current; " + UPDATE_HINT).isEqualTo(asyncApi);
    }

    @Test
    void theCheckItselfCatchesARemovedFieldARetypedFieldAndARenamedType() throws IOException {
        JsonNode published = ContractDocuments.JSON.readTree("""
                {"type":"object","properties":{"deal":{"$ref":"#/$defs/Deal"},"occurredAt":{"type":"string",
                 "format":"date-time"}},"$defs":{"Deal":{"type":"object","properties":{"amount":{"type":"string"},
                 "stage":{"type":"string"}}}}}""");
        JsonNode current = ContractDocuments.JSON.readTree("""
                {"type":"object","properties":{"deal":{"type":"object","properties":{"amount":{"type":"number"},
                 "stage":{"type":"string"},"added":{"type":"string"}}}}}""");

        assertThat(SchemaCompatibility.breaks("t", published, current)).containsExactlyInAnyOrder(
                "t.occurredAt: removed", "t.deal.amount: was type \"string\", now type \"number\"");
        assertThat(SchemaCompatibility.breaks("t", published, null)).hasSize(1);
        assertThat(SchemaCompatibility.breaks("t", published, published)).isEmpty();
    }
}
