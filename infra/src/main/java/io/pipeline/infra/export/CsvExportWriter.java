package io.pipeline.infra.export;

import io.pipeline.contract.EventHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * RFC 4180 CSV: one row per event, the CloudEvents attributes in columns and the event's JSON in the last one
 * (quoted), so a BI tool can load it as text and parse the JSON column where it needs a field.
 */
final class CsvExportWriter implements EventExport.ExportWriter {

    static final String HEADER = "id,type,source,subject,time,sequence,topic,partition,offset,data\r\n";

    @Override
    public void begin(OutputStream out) throws IOException {
        out.write(HEADER.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void write(OutputStream out, ConsumerRecord<byte[], byte[]> record) throws IOException {
        StringBuilder row = new StringBuilder(256);
        field(row, EventExport.header(record, EventHeaders.ID)).append(',');
        field(row, EventExport.header(record, EventHeaders.TYPE)).append(',');
        field(row, EventExport.header(record, EventHeaders.SOURCE)).append(',');
        field(row, EventExport.header(record, EventHeaders.SUBJECT)).append(',');
        field(row, EventExport.header(record, EventHeaders.TIME)).append(',');
        field(row, EventExport.header(record, EventHeaders.SEQUENCE)).append(',');
        field(row, record.topic()).append(',').append(record.partition()).append(',').append(record.offset()).append(',');
        field(row, new String(record.value(), StandardCharsets.UTF_8)).append("\r\n");
        out.write(row.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Quotes a value when it holds a comma, a quote or a line break, doubling quotes, as RFC 4180 says. */
    static StringBuilder field(StringBuilder row, String value) {
        if (value == null) {
            return row;
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? row.append('"').append(value.replace("\"", "\"\"")).append('"') : row.append(value);
    }
}
