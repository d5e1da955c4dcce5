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
import io.pipeline.platform.parking.PoisonEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one poll's records to a read-model version in one database transaction (a JDBC batch per table)
 * together with the positions they reach, so the version and its positions never disagree. What was new is
 * returned for the in-memory index, to be added only once the transaction committed.
 *
 * <p>A record that cannot be read, or whose values the read model can never store (a NUL byte, a value longer than
 * its column), is not applied and comes back as parked, for the caller to dead-letter once the transaction
 * committed: the positions move past it with the rest of the batch, so a poison record never stops the consumer
 * and a retried batch parks nothing twice. When a batch fails on its values, it is applied again record by record,
 * each inside a savepoint, to find the poison; batches that store cleanly pay nothing for this.
 */
@Component
public class BatchApplier {

    /**
     * @param reached  the next offset per partition
     * @param newDeals the opportunity events that were new, {@code newLeads} the lead events
     * @param parked   the records left out, with why, to dead-letter once the batch committed
     */
    public record Applied(Map<TopicPartition, Long> reached, List<DealEvent> newDeals, int fresh, int duplicates,
                          List<LeadStep> newLeads, List<Parked> parked) {
    }

    /** A record the read model cannot take, and why. */
    public record Parked(ConsumerRecord<byte[], byte[]> record, String reason) {
    }

    private record Decoded(ConsumerRecord<byte[], byte[]> record, Incoming<IntegrationEvent> incoming) {
    }

    private final RecordDecoder decoder = new RecordDecoder();
    private final OpportunityProjection opportunities;
    private final LeadProjection leads;
    private final PositionStore positions;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;

    public BatchApplier(OpportunityProjection opportunities, LeadProjection leads, PositionStore positions,
                        PlatformTransactionManager transactions) {
        this.opportunities = opportunities;
        this.leads = leads;
        this.positions = positions;
        this.transaction = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public Applied apply(ReadModel model, String consumer, Iterable<ConsumerRecord<byte[], byte[]>> records) {
        Map<TopicPartition, Long> reached = new HashMap<>();
        List<Decoded> decoded = new ArrayList<>();
        List<Parked> unreadable = new ArrayList<>();
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            count++;
            reached.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
            try {
                decoded.add(new Decoded(record, decoder.decode(record)));
            } catch (UnreadableEventException e) {
                unreadable.add(new Parked(record, e.getMessage()));
            }
        }
        try {
            int all = count;
            return transaction.execute(tx -> applyTogether(model, consumer, all, reached, decoded, unreadable));
        } catch (RuntimeException e) {
            if (PoisonEvents.reason(e).isEmpty()) {
                throw e;
            }
            int all = count;
            return transaction.execute(tx -> applyOneByOne(model, consumer, all, reached, decoded, unreadable));
        }
    }

    private Applied applyTogether(ReadModel model, String consumer, int count, Map<TopicPartition, Long> reached,
                                  List<Decoded> decoded, List<Parked> unreadable) {
        List<Incoming<OpportunityEvent>> opportunityEvents = new ArrayList<>();
        List<Incoming<LeadEvent>> leadEvents = new ArrayList<>();
        for (Decoded one : decoded) {
            if (one.incoming().event() instanceof OpportunityEvent o) {
                opportunityEvents.add(new Incoming<>(o, one.incoming().meta()));
            } else {
                leadEvents.add(new Incoming<>((LeadEvent) one.incoming().event(), one.incoming().meta()));
            }
        }
        List<DealEvent> newDeals = opportunities.applyAll(model, opportunityEvents).stream()
                .map(e -> DealEvents.of(e.event(), e.meta())).toList();
        List<LeadStep> newLeads = leads.applyAll(model, leadEvents);
        int fresh = newDeals.size() + newLeads.size();
        positions.save(model, consumer, reached);
        return new Applied(reached, newDeals, fresh, count - fresh - unreadable.size(), newLeads, unreadable);
    }

    /** Each record in a savepoint of its own: one the read model cannot store is rolled back alone and parked. */
    private Applied applyOneByOne(ReadModel model, String consumer, int count, Map<TopicPartition, Long> reached,
                                  List<Decoded> decoded, List<Parked> unreadable) {
        List<Parked> parked = new ArrayList<>(unreadable);
        List<DealEvent> newDeals = new ArrayList<>();
        List<LeadStep> newLeads = new ArrayList<>();
        int fresh = 0;
        for (Decoded one : decoded) {
            try {
                AppliedOne applied = savepoint.execute(status -> applyOne(model, one.incoming()));
                if (applied.fresh()) {
                    fresh++;
                }
                if (applied.newDeal() != null) {
                    newDeals.add(applied.newDeal());
                }
                if (applied.newLead() != null) {
                    newLeads.add(applied.newLead());
                }
            } catch (RuntimeException e) {
                parked.add(new Parked(one.record(), PoisonEvents.reason(e).orElseThrow(() -> e)));
            }
        }
        positions.save(model, consumer, reached);
        return new Applied(reached, newDeals, fresh, count - fresh - parked.size(), newLeads, parked);
    }

    /** @param newDeal the deal event when it was a new opportunity event, {@code newLead} a new lead event, else null */
    private record AppliedOne(boolean fresh, DealEvent newDeal, LeadStep newLead) {
    }

    private AppliedOne applyOne(ReadModel model, Incoming<IntegrationEvent> incoming) {
        if (incoming.event() instanceof OpportunityEvent o) {
            List<Incoming<OpportunityEvent>> fresh = opportunities.applyAll(model,
                    List.of(new Incoming<>(o, incoming.meta())));
            return fresh.isEmpty() ? new AppliedOne(false, null, null)
                    : new AppliedOne(true, DealEvents.of(fresh.get(0).event(), fresh.get(0).meta()), null);
        }
        List<LeadStep> fresh = leads.applyAll(model, List.of(new Incoming<>((LeadEvent) incoming.event(),
                incoming.meta())));
        return fresh.isEmpty() ? new AppliedOne(false, null, null) : new AppliedOne(true, null, fresh.get(0));
    }
}
