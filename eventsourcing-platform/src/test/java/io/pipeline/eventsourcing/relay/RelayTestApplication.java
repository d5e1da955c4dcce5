package io.pipeline.eventsourcing.relay;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.OpportunityEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal event-sourced service: one aggregate that counts, relayed to Kafka as deal amount changes. */
@SpringBootApplication
public class RelayTestApplication {

    public record Count(@TargetAggregateIdentifier String tallyId, int n) {
    }

    public record Counted(String tallyId, int n, Instant occurredAt) {
    }

    @Aggregate
    public static class Tally {

        @AggregateIdentifier
        private String tallyId;

        protected Tally() {
        }

        @CommandHandler
        @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
        public void handle(Count command) {
            apply(new Counted(command.tallyId(), command.n(), Instant.now()));
        }

        @EventSourcingHandler
        void on(Counted event) {
            this.tallyId = event.tallyId();
        }
    }

    /** Maps each count to a public event; can be told to fail once at a given count, as a crash would. */
    public static class FlakyMapper implements IntegrationEventMapper {

        final AtomicInteger failAtCount = new AtomicInteger(-1);

        @Override
        public Optional<IntegrationEvent> toIntegrationEvent(EventMessage<?> stored) {
            Counted counted = (Counted) stored.getPayload();
            if (failAtCount.compareAndSet(counted.n(), -1)) {
                throw new IllegalStateException("relay crashed in the middle of a batch (test)");
            }
            var deal = new OpportunityEvent.Deal(counted.tallyId(), "acc", "tally", "rep", "team", "region",
                    "SMB", "NEW_BUSINESS", "smb", 1, BigDecimal.valueOf(counted.n()), "USD", LocalDate.of(2030, 1, 1),
                    "Qualified", "PIPELINE", "OPEN", true);
            return Optional.of(new OpportunityEvent.AmountChanged(deal, BigDecimal.valueOf(counted.n() - 1L), "USD",
                    counted.occurredAt(), "test"));
        }
    }

    @Bean
    FlakyMapper flakyMapper() {
        return new FlakyMapper();
    }
}
