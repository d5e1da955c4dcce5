package io.pipeline.infra.export;

import io.pipeline.contract.EventHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON object per line: the CloudEvents attributes, where the record sits in Kafka, and the event's own JSON
 * as {@code data}, untouched.
 */
final class NdjsonExportWriter implements EventExport.ExportWriter {

    private static final byte[] NEWLINE = {'\n'};
    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public void begin(OutputStream out) {
    }

    @Override
    public void write(OutputStream out, ConsumerRecord<byte[], byte[]> record) throws IOException {
        try (JsonGenerator generator = json.createGenerator(new NonClosing(out))) {
            generator.writeStartObject();
            generator.writeStringProperty("id", EventExport.header(record, EventHeaders.ID));
            generator.writeStringProperty("type", EventExport.header(record, EventHeaders.TYPE));
            generator.writeStringProperty("source", EventExport.header(record, EventHeaders.SOURCE));
            generator.writeStringProperty("subject", EventExport.header(record, EventHeaders.SUBJECT));
            generator.writeStringProperty("time", EventExport.header(record, EventHeaders.TIME));
            generator.writeStringProperty("sequence", EventExport.header(record, EventHeaders.SEQUENCE));
            generator.writeStringProperty("topic", record.topic());
            generator.writeNumberProperty("partition", record.partition());
            generator.writeNumberProperty("offset", record.offset());
            generator.writeName("data");
            generator.writeRawValue(new String(record.value(), StandardCharsets.UTF_8));
            generator.writeEndObject();
        }
        out.write(NEWLINE);
    }

    /** The generator closes its target when it closes; the export's stream must stay open. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
