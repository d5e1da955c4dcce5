package io.pipeline.infra.export;

import io.pipeline.contract.EventHeaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * RFC 4180 CSV (commons-csv): one row per event, the CloudEvents attributes in columns and the event's JSON in the
 * last one (quoted), so a BI tool can load it as text and parse the JSON column where it needs a field.
 */
final class CsvExportWriter implements EventExport.ExportWriter {

    static final String HEADER = "id,type,source,subject,time,sequence,topic,partition,offset,data\r\n";

    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    @Override
    public void begin(OutputStream out) throws IOException {
        out.write(HEADER.getBytes(StandardCharsets.UTF_8));
    }

    /** One row built in memory and written at once: {@code out} is the export's own buffered, counted stream. */
    @Override
    public void write(OutputStream out, ConsumerRecord<byte[], byte[]> record) throws IOException {
        StringBuilder row = new StringBuilder(256);
        FORMAT.print(EventExport.header(record, EventHeaders.ID), row, true);
        FORMAT.print(EventExport.header(record, EventHeaders.TYPE), row, false);
        FORMAT.print(EventExport.header(record, EventHeaders.SOURCE), row, false);
        FORMAT.print(EventExport.header(record, EventHeaders.SUBJECT), row, false);
        FORMAT.print(EventExport.header(record, EventHeaders.TIME), row, false);
        FORMAT.print(EventExport.header(record, EventHeaders.SEQUENCE), row, false);
        FORMAT.print(record.topic(), row, false);
        FORMAT.print(record.partition(), row, false);
        FORMAT.print(record.offset(), row, false);
        FORMAT.print(new String(record.value(), StandardCharsets.UTF_8), row, false);
        FORMAT.println(row);
        out.write(row.toString().getBytes(StandardCharsets.UTF_8));
    }
}
