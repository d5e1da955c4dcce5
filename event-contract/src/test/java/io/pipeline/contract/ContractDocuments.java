package io.pipeline.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the contract's published documents from the event records themselves: a JSON Schema per event type
 * and the AsyncAPI document of the topics. The committed copies are the baseline consumers rely on.
 */
final class ContractDocuments {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static final SchemaGenerator GENERATOR = new SchemaGenerator(schemaConfig());

    private ContractDocuments() {
    }

    private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig schemaConfig() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON).with(new JacksonModule());
        builder.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> raw = type.getErasedType();
            ObjectNode node = context.getGeneratorConfig().createObjectNode();
            if (raw == BigDecimal.class) {
                node.put("type", "string").put("pattern", "^-?[0-9]+(\\.[0-9]+)?$")
                        .put("description", "decimal amount, exact, as a string");
            } else if (raw == Instant.class) {
                node.put("type", "string").put("format", "date-time");
            } else if (raw == LocalDate.class) {
                node.put("type", "string").put("format", "date");
            } else {
                return null;
            }
            return new com.github.victools.jsonschema.generator.CustomDefinition(node);
        });
        return builder.build();
    }

    /** Schema per event type name, sorted by name. */
    static Map<String, ObjectNode> schemas() {
        Map<String, ObjectNode> schemas = new TreeMap<>();
        for (EventType type : EventType.all()) {
            ObjectNode schema = GENERATOR.generateSchema(type.javaType());
            schema.put("$id", "urn:pipeline:schema:" + type.name() + ":v" + type.schemaVersion());
            schema.put("title", type.name());
            schemas.put(type.name(), schema);
        }
        return schemas;
    }

    /** The AsyncAPI 3 document: one channel per topic, one message per event type, headers as CloudEvents. */
    static ObjectNode asyncApi() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("asyncapi", "3.0.0");
        doc.putObject("info").put("title", "Pipeline public events").put("version", "1")
                .put("description", "Lead, opportunity, fiscal-period and plan events, keyed by aggregate id, kept forever. Headers follow"
                        + " the CloudEvents Kafka binding (binary mode); the value is the event's JSON. Evolution rules:"
                        + " docs/events/EVOLUTION.md.");
        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode messages = doc.putObject("components").putObject("messages");
        for (String topic : new String[] {Topics.LEADS, Topics.OPPORTUNITIES, Topics.PERIODS, Topics.PLAN}) {
            String channelId = topic.replace('.', '_');
            ObjectNode channel = channels.putObject(channelId);
            channel.put("address", topic);
            ObjectNode channelMessages = channel.putObject("messages");
            EventType.all().stream().filter(t -> t.topic().equals(topic)).forEach(type -> {
                String messageId = type.javaType().getSimpleName();
                channelMessages.putObject(messageId).put("$ref", "#/components/messages/" + messageId);
                ObjectNode message = messages.putObject(messageId);
                message.put("name", type.name()).put("contentType", EventHeaders.JSON);
                message.putObject("payload").put("$ref", "../../event-contract/src/main/resources/schemas/v1/"
                        + type.name() + ".schema.json");
                message.set("headers", headers(type));
                message.putObject("bindings").putObject("kafka").putObject("key").put("type", "string")
                        .put("description", "aggregate id (lead or opportunity id, fiscal quarter, or what a plan change"
                                + " is about): one aggregate, one partition");
            });
            ObjectNode operation = operations.putObject("receive_" + channelId);
            operation.put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + channelId);
            int partitions = topic.equals(Topics.PERIODS) || topic.equals(Topics.PLAN) ? 1 : Topics.PARTITIONS;
            operation.putObject("bindings").putObject("kafka").put("description", partitions
                    + " partitions, retention forever (retention.ms=-1)");
        }
        return doc;
    }

    private static ObjectNode headers(EventType type) {
        ObjectNode headers = JSON.createObjectNode();
        headers.put("type", "object");
        ObjectNode properties = headers.putObject("properties");
        properties.putObject(EventHeaders.SPEC_VERSION).put("const", EventHeaders.SPEC_VERSION_VALUE);
        properties.putObject(EventHeaders.ID).put("type", "string").put("description", "event id; deduplicate on it");
        properties.putObject(EventHeaders.TYPE).put("const", type.name());
        properties.putObject(EventHeaders.SOURCE).put("type", "string");
        properties.putObject(EventHeaders.SUBJECT).put("type", "string").put("description", "aggregate id, = key");
        properties.putObject(EventHeaders.TIME).put("type", "string").put("format", "date-time")
                .put("description", "business time the event happened");
        properties.putObject(EventHeaders.SEQUENCE).put("type", "string")
                .put("description", "position in the aggregate's stream, from 0, without gaps (plan events: 0;"
                        + " their one partition orders them)");
        properties.putObject(EventHeaders.SCHEMA_VERSION).put("const", Integer.toString(type.schemaVersion()));
        properties.putObject(EventHeaders.CORRELATION_ID).put("type", "string");
        properties.putObject(EventHeaders.TRACEPARENT).put("type", "string")
                .put("description", "W3C Trace Context of the request that caused the event, when it was traced");
        ArrayNode required = headers.putArray("required");
        for (String name : new String[] {EventHeaders.SPEC_VERSION, EventHeaders.ID, EventHeaders.TYPE,
                EventHeaders.SOURCE, EventHeaders.SUBJECT, EventHeaders.TIME, EventHeaders.SEQUENCE,
                EventHeaders.SCHEMA_VERSION}) {
            required.add(name);
        }
        return headers;
    }
}
