package io.pipeline.forecast.consumer;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.IntegrationEventCodec.UnreadableEventException;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import io.pipeline.forecast.figures.DealEvent;
import io.pipeline.forecast.figures.LeadStep;
import io.pipeline.forecast.projection.DealEvents;
import io.pipeline.forecast.projection.Incoming;
import io.pipeline.forecast.projection.LeadProjection;
import io.pipeline.forecast.projection.OpportunityProjection;
import io.pipeline.forecast.readmodel.ReadModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one poll's records to a read-model version in one database transaction (a JDBC batch per table)
 * together with the positions they reach, so the version and its positions never disagree. What was new is
 * returned for the in-memory index, to be added only once the transaction committed.
 */
@Component
public class BatchApplier {

    /**
     * @param reached  the next offset per partition
     * @param newDeals the opportunity events that were new, {@code newLeads} the lead events
     */
    public record Applied(Map<TopicPartition, Long> reached, List<DealEvent> newDeals, int fresh, int duplicates,
                          List<LeadStep> newLeads) {
    }

    private final RecordDecoder decoder = new RecordDecoder();
    private final OpportunityProjection opportunities;
    private final LeadProjection leads;
    private final PositionStore positions;
    private final TransactionTemplate transaction;

    public BatchApplier(OpportunityProjection opportunities, LeadProjection leads, PositionStore positions,
                        TransactionTemplate transaction) {
        this.opportunities = opportunities;
        this.leads = leads;
        this.positions = positions;
        this.transaction = transaction;
    }

    /** @param unreadable told of each record that cannot be read (and is skipped) with the reason */
    public Applied apply(ReadModel model, String consumer, ConsumerRecords<byte[], byte[]> records,
                         BiConsumer<ConsumerRecord<byte[], byte[]>, String> unreadable) {
        Map<TopicPartition, Long> reached = new HashMap<>();
        List<Incoming<OpportunityEvent>> opportunityEvents = new ArrayList<>();
        List<Incoming<LeadEvent>> leadEvents = new ArrayList<>();
        int unread = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            reached.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            Incoming<IntegrationEvent> decoded;
            try {
                decoded = decoder.decode(record);
            } catch (UnreadableEventException e) {
                unreadable.accept(record, e.getMessage());
                unread++;
                continue;
            }
            if (decoded.event() instanceof OpportunityEvent o) {
                opportunityEvents.add(new Incoming<>(o, decoded.meta()));
            } else {
                leadEvents.add(new Incoming<>((LeadEvent) decoded.event(), decoded.meta()));
            }
        }
        int skipped = unread;
        return transaction.execute(tx -> {
            List<DealEvent> newDeals = opportunities.applyAll(model, opportunityEvents).stream()
                    .map(e -> DealEvents.of(e.event(), e.meta())).toList();
            List<LeadStep> newLeads = leads.applyAll(model, leadEvents);
            int fresh = newDeals.size() + newLeads.size();
            positions.save(model, consumer, reached);
            return new Applied(reached, newDeals, fresh, records.count() - fresh - skipped, newLeads);
        });
    }
}
