package io.pipeline.opportunity.importing;

import io.pipeline.eventsourcing.history.EventHistory;
import io.pipeline.opportunity.command.Opportunity;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import's bulk path: a batch of deals' planned commands run through the {@link Opportunity} aggregate's own
 * command handlers (and its command handler interceptor) in memory, each command in a unit of work of its own with
 * the service's correlation data providers, exactly as the command bus would run it; the events they record are
 * then appended, with the batch's accounts, in one database transaction. So every aggregate rule still decides,
 * but a batch of thousands of events costs one commit instead of one round trip (and one commit) per event.
 *
 * <p>Why not the command bus: every command through it loads (or cache-checks) the aggregate, appends and commits
 * on its own, which measured 730-830 events/s; the aggregates of an import's new deals have nothing stored to
 * load. Why not the {@code DisruptorCommandBus}: it still commits per command batch of one aggregate, and would
 * replace the bus of the live commands too.
 *
 * <p>The appends of batches are serialised (one writer at a time, the planning and the in-memory replay of the
 * next batches run meanwhile): two large transactions interleaving their global indexes would leave thousands of
 * gaps for the tracking processors (the relay, the deal list) to track until both commit. A deal's events are
 * appended in order within one transaction, so the relay, which publishes each deal's events in sequence order,
 * keeps per-deal order. The projection of the deal list and the relay read the event store as for live commands.
 */
final class BulkDealWriter {

    private final AggregateModel<Opportunity> model;
    private final Constructor<Opportunity> newDeal;
    private final List<CorrelationDataProvider> correlationProviders;
    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReentrantLock appending = new ReentrantLock();

    BulkDealWriter(org.axonframework.config.Configuration axon, EventStorageEngine storage, JdbcTemplate jdbc,
                   PlatformTransactionManager transactionManager) {
        this.model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Opportunity.class,
                axon.parameterResolverFactory(), axon.handlerDefinition(Opportunity.class));
        this.correlationProviders = axon.correlationDataProviders();
        this.storage = storage;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        try {
            this.newDeal = Opportunity.class.getDeclaredConstructor();
            this.newDeal.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Opportunity needs its no-argument constructor for Axon", e);
        }
    }

    /** What one deal of a batch gave: its new events, and the command it refused (the events before it stay). */
    record DealOutcome(DealPlan plan, List<EventMessage<?>> events, Optional<ImportProblem> refusal) {
    }

    /** The stored event types of each of {@code ids} that has any, in sequence order: one query for the batch. */
    Map<String, List<String>> storedEvents(List<String> ids) {
        Map<String, List<String>> stored = new HashMap<>();
        if (ids.isEmpty()) {
            return stored;
        }
        jdbc.query("select aggregateidentifier, payloadtype from domainevententry where aggregateidentifier = any(?)"
                        + " order by aggregateidentifier, sequencenumber",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids.toArray())),
                rs -> {
                    stored.computeIfAbsent(rs.getString(1), id -> new ArrayList<>()).add(rs.getString(2));
                });
        return stored;
    }

    /**
     * Runs the commands of {@code plan} from {@code alreadyStored} on, on the deal as its stored events leave it,
     * and answers the events they record; nothing is written.
     */
    DealOutcome replay(DealPlan plan, int alreadyStored, String importId) {
        String id = plan.history().opportunityId();
        List<EventMessage<?>> recorded = new ArrayList<>();
        SimpleEventBus collector = SimpleEventBus.builder().build();
        collector.subscribe(recorded::addAll);
        EventSourcedAggregate<Opportunity> aggregate = newAggregate(collector);
        if (alreadyStored > 0) {
            aggregate.initializeState(storage.readEvents(id));
        }
        for (PlannedCommand planned : plan.commands().subList(alreadyStored, plan.commands().size())) {
            CommandMessage<?> command = EventHistory.imported(planned.command(), importId);
            DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
            correlationProviders.forEach(unitOfWork::registerCorrelationDataProvider);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> aggregate.handle(command));
            if (result.isExceptional()) {
                Throwable refused = result.exceptionResult();
                return new DealOutcome(plan, recorded, Optional.of(planned.source().error(null, "the deal refused "
                        + planned.command().getClass().getSimpleName() + ": " + refused.getMessage()
                        + "; the events before it stay, fix the row and import again")));
            }
        }
        return new DealOutcome(plan, recorded, Optional.empty());
    }

    /**
     * Appends the outcomes' events and creates their accounts in one transaction, one batch at a time. A batch
     * fails whole (for example when a live command appended to one of its deals meanwhile): the caller then
     * retries its deals one by one.
     */
    void append(List<DealOutcome> outcomes) {
        List<EventMessage<?>> events = new ArrayList<>();
        Map<String, String> accounts = new LinkedHashMap<>();
        for (DealOutcome outcome : outcomes) {
            events.addAll(outcome.events());
            if (!outcome.events().isEmpty()) {
                accounts.putIfAbsent(outcome.plan().history().accountId(), outcome.plan().history().accountName());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        List<Object[]> accountRows = accounts.entrySet().stream()
                .map(a -> new Object[] {a.getKey(), a.getValue() == null ? a.getKey() : a.getValue()}).toList();
        appending.lock();
        try {
            transactions.executeWithoutResult(status -> {
                jdbc.batchUpdate("insert into account (account_id, name, from_lead_id) values (?, ?, null)"
                        + " on conflict do nothing", accountRows);
                storage.appendEvents(events);
            });
        } finally {
            appending.unlock();
        }
    }

    private EventSourcedAggregate<Opportunity> newAggregate(SimpleEventBus collector) {
        try {
            return EventSourcedAggregate.initialize(newDeal.newInstance(), model, collector,
                    NoSnapshotTriggerDefinition.TRIGGER);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
