package io.pipeline.simulator;

import io.pipeline.contract.IntegrationEvent;
import io.pipeline.contract.LeadEvent;
import io.pipeline.contract.OpportunityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A discrete-event simulation of a sales org over business time. Arrivals (leads, and expansion and renewal deals
 * on customers) are drawn week by week; each lead and deal then lives its story with a random generator of its own.
 * A week's stories depend on nothing but the configuration and the week's number, so any week can be generated
 * alone and the output is the same, byte for byte, for the same configuration.
 *
 * <p>Events at or after {@link SimulationConfig#end()} are cut off: the history stops there, with the deals and
 * leads then open still open.
 */
public final class Simulation {

    private static final long LEADS_OF_WEEK = 1;
    private static final long LEAD = 2;
    private static final long CUSTOMER_DEALS_OF_WEEK = 3;
    private static final long CUSTOMER_DEAL = 4;
    private static final long CUSTOMER = 5;
    private static final long WEEK_SECONDS = Duration.ofDays(7).toSeconds();

    private final SimulationConfig config;
    private final Org org;
    private final FiscalCalendar calendar;
    private final String idPrefix;

    public Simulation(SimulationConfig config) {
        this.config = config;
        this.org = Org.of(config.org());
        this.calendar = FiscalCalendar.of(config.quarterEnd());
        this.idPrefix = idPrefix(config);
    }

    public SimulationConfig config() {
        return config;
    }

    /** The stories that begin in one week: histories of leads and deals, ordered by their first event. */
    public record Week(int number, Instant start, List<AggregateHistory> histories) {
    }

    public int weekCount() {
        long seconds = config.end().getEpochSecond() - config.start().getEpochSecond();
        return (int) ((seconds + WEEK_SECONDS - 1) / WEEK_SECONDS);
    }

    public Stream<Week> weeks() {
        return IntStream.range(0, weekCount()).mapToObj(this::week);
    }

    /** Every history, week after week: each aggregate's events together, in sequence order. */
    public Stream<AggregateHistory> histories() {
        return weeks().flatMap(w -> w.histories().stream());
    }

    /** Every event, aggregate after aggregate (the order a bulk writer needs: per aggregate, in sequence). */
    public Stream<IntegrationEvent> events() {
        return histories().flatMap(h -> h.events().stream());
    }

    /** Every event in business-time order across aggregates, as they would have happened; ties keep arrival order. */
    public Iterator<SequencedEvent> inBusinessTimeOrder() {
        return new BusinessTimeOrder(weeks().iterator());
    }

    /**
     * What must be played one request after the other: a lead and the deal it converted into (whose first requests
     * wait for opportunity-service to open it), or a deal opened on a customer. Different stories are independent.
     */
    public record Story(List<IntegrationEvent> events) {
        public Story {
            events = List.copyOf(events);
        }
    }

    /**
     * Every story, the latest week's first: played through the API in this order, what happened last (the open
     * pipeline of the current quarter) reaches the figures first, and the older quarters fill in behind it. Each
     * event keeps its business time, so the figures as of any instant do not depend on the order.
     */
    public Stream<Story> storiesLatestFirst() {
        int weeks = weekCount();
        return IntStream.range(0, weeks).mapToObj(i -> week(weeks - 1 - i))
                .flatMap(week -> {
                    List<Story> latestFirst = new ArrayList<>(stories(week));
                    Collections.reverse(latestFirst);
                    return latestFirst.stream();
                });
    }

    /** A week's stories in the order they begin: a converted lead's deal joins the lead's story. */
    static List<Story> stories(Week week) {
        Map<String, List<IntegrationEvent>> byLead = new LinkedHashMap<>();
        List<List<IntegrationEvent>> stories = new ArrayList<>();
        for (AggregateHistory history : week.histories()) {
            IntegrationEvent first = history.events().get(0);
            if (first instanceof OpportunityEvent.OpportunityOpened opened && opened.leadId() != null
                    && byLead.containsKey(opened.leadId())) {
                byLead.get(opened.leadId()).addAll(history.events());
                continue;
            }
            List<IntegrationEvent> story = new ArrayList<>(history.events());
            if (first instanceof LeadEvent) {
                byLead.put(history.aggregateId(), story);
            }
            stories.add(story);
        }
        return stories.stream().map(Story::new).toList();
    }

    public Week week(int number) {
        long weekStart = config.start().getEpochSecond() + number * WEEK_SECONDS;
        long weekEnd = Math.min(weekStart + WEEK_SECONDS, config.end().getEpochSecond());
        List<AggregateHistory> histories = new ArrayList<>();
        SplittableRandom leadsOfWeek = Draws.forEntity(config.seed(), LEADS_OF_WEEK, number);
        int leads = Draws.poisson(leadsOfWeek, config.leadsPerRepPerWeek() * org.reps().size()
                * (weekEnd - weekStart) / WEEK_SECONDS);
        for (int i = 0; i < leads; i++) {
            SplittableRandom random = Draws.forEntity(config.seed(), LEAD, (long) number << 32 | i);
            long capturedAt = weekStart + random.nextLong(weekEnd - weekStart);
            LeadStory lead = new LeadStory(idPrefix + "-lead-" + number + "-" + i, capturedAt, config, calendar, org,
                    random);
            add(histories, lead.events());
            if (lead.deal() != null) {
                add(histories, lead.deal().events());
            }
        }
        addCustomerDeals(number, weekStart, weekEnd, histories);
        histories.sort(Comparator.comparing(h -> h.events().get(0).occurredAt()));
        return new Week(number, Instant.ofEpochSecond(weekStart), List.copyOf(histories));
    }

    /** Expansions and renewals, opened directly by the account's rep on a customer of the rep's installed base. */
    private void addCustomerDeals(int number, long weekStart, long weekEnd, List<AggregateHistory> histories) {
        SimulationConfig.ExistingBusiness existing = config.existingBusiness();
        double perRep = existing.expansionsPerRepPerWeek() + existing.renewalsPerRepPerWeek();
        if (perRep == 0) {
            return;
        }
        SplittableRandom ofWeek = Draws.forEntity(config.seed(), CUSTOMER_DEALS_OF_WEEK, number);
        int deals = Draws.poisson(ofWeek, perRep * org.reps().size() * (weekEnd - weekStart) / WEEK_SECONDS);
        for (int i = 0; i < deals; i++) {
            SplittableRandom random = Draws.forEntity(config.seed(), CUSTOMER_DEAL, (long) number << 32 | i);
            long openedAt = weekStart + random.nextLong(weekEnd - weekStart);
            Org.Rep rep = org.anyRep(random);
            Customer customer = customer(config, rep, random.nextInt(existing.customersPerRep()));
            boolean expansion = random.nextDouble() * perRep < existing.expansionsPerRepPerWeek();
            String type = expansion ? "EXPANSION" : "RENEWAL";
            DealStory deal = new DealStory(new DealStory.Opening(idPrefix + "-deal-" + number + "-" + i,
                    customer.accountId(), customer.company() + (expansion ? " - expansion" : " - renewal"),
                    rep, customer.segment(), type, null, openedAt), config, calendar, random);
            add(histories, deal.events());
        }
    }

    /** A customer of a rep's installed base. */
    record Customer(String accountId, String company, Segment segment) {
    }

    /** A customer keeps its name and segment in every deal: both come from the customer's own generator. */
    static Customer customer(SimulationConfig config, Org.Rep rep, int number) {
        SplittableRandom ofCustomer = Draws.forEntity(config.seed(), CUSTOMER,
                (long) rep.index() * config.existingBusiness().customersPerRep() + number);
        String company = Companies.name(ofCustomer);
        return new Customer(idPrefix(config) + "-acct-" + rep.id() + "-" + number, company,
                pickSegment(config, ofCustomer));
    }

    /** The seed is in every id, so runs of different seeds can share a stack without colliding. */
    static String idPrefix(SimulationConfig config) {
        return "s" + Long.toHexString(config.seed());
    }

    private void add(List<AggregateHistory> histories, List<? extends IntegrationEvent> events) {
        List<IntegrationEvent> kept = new ArrayList<>(events.size());
        for (IntegrationEvent event : events) {
            if (event.occurredAt().isBefore(config.end())) {
                kept.add(event);
            }
        }
        if (!kept.isEmpty()) {
            histories.add(new AggregateHistory(kept.get(0).subject(), List.copyOf(kept)));
        }
    }

    static Segment pickSegment(SimulationConfig config, SplittableRandom random) {
        List<Weighted<Segment>> mix = new ArrayList<>();
        config.segments().forEach((segment, profile) -> mix.add(Weighted.of(segment, profile.share())));
        return Weighted.pick(mix, random);
    }

    /** An event with its position in its aggregate's stream. */
    public record SequencedEvent(IntegrationEvent event, long sequence) {
    }

    /**
     * Merges the histories by business time. Every history of week w starts at or after w's start, so a week only
     * needs to join the merge once the earliest pending event is not before it: memory holds the open stories only.
     */
    private static final class BusinessTimeOrder implements Iterator<SequencedEvent> {

        private final Iterator<Week> weeks;
        private final PriorityQueue<Cursor> queue = new PriorityQueue<>(
                Comparator.comparing(Cursor::nextTime).thenComparingLong(Cursor::arrival));
        private Week pending;
        private long arrivals;

        BusinessTimeOrder(Iterator<Week> weeks) {
            this.weeks = weeks;
            this.pending = weeks.hasNext() ? weeks.next() : null;
        }

        @Override
        public boolean hasNext() {
            joinDueWeeks();
            return !queue.isEmpty();
        }

        @Override
        public SequencedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Cursor cursor = queue.poll();
            SequencedEvent event = new SequencedEvent(cursor.history.events().get(cursor.position), cursor.position);
            cursor.position++;
            if (cursor.position < cursor.history.events().size()) {
                queue.add(cursor);
            }
            return event;
        }

        private void joinDueWeeks() {
            while (pending != null && (queue.isEmpty() || !pending.start().isAfter(queue.peek().nextTime()))) {
                for (AggregateHistory history : pending.histories()) {
                    queue.add(new Cursor(history, arrivals++));
                }
                pending = weeks.hasNext() ? weeks.next() : null;
            }
        }

        private static final class Cursor {
            final AggregateHistory history;
            final long arrival;
            int position;

            Cursor(AggregateHistory history, long arrival) {
                this.history = history;
                this.arrival = arrival;
            }

            Instant nextTime() {
                return history.events().get(position).occurredAt();
            }

            long arrival() {
                return arrival;
            }
        }
    }
}
