package io.pipeline.opportunity.web;

import io.pipeline.platform.web.EntityTags;
import io.pipeline.opportunity.account.AccountDirectory;
import io.pipeline.opportunity.api.AdvanceStage;
import io.pipeline.opportunity.api.ChangeAmount;
import io.pipeline.opportunity.api.ChangeCloseDate;
import io.pipeline.opportunity.api.CloseLost;
import io.pipeline.opportunity.api.CloseWon;
import io.pipeline.opportunity.api.DealAtVersion;
import io.pipeline.opportunity.api.DealStatus;
import io.pipeline.opportunity.api.DeferDeal;
import io.pipeline.opportunity.api.OpenOpportunity;
import io.pipeline.opportunity.api.RepeatOpen;
import io.pipeline.eventsourcing.command.Creations;
import io.pipeline.opportunity.api.OverrideForecastCategory;
import io.pipeline.opportunity.api.ReassignOwner;
import io.pipeline.opportunity.api.RegressStage;
import io.pipeline.opportunity.api.ReopenDeal;
import io.pipeline.opportunity.config.OpportunitySettings;
import io.pipeline.opportunity.process.ForecastCategory;
import io.pipeline.opportunity.process.JdbcSalesProcessCatalog;
import io.pipeline.opportunity.process.SalesProcess;
import io.pipeline.opportunity.process.Stage;
import io.pipeline.opportunity.query.OpportunityQueries;
import io.pipeline.opportunity.query.OpportunitySearch;
import io.pipeline.platform.web.SortOrder;
import io.pipeline.opportunity.query.OpportunityView;
import io.pipeline.opportunity.query.Page;
import io.pipeline.eventsourcing.history.BusinessTime;
import io.pipeline.platform.period.BusinessTimePolicy;
import io.pipeline.platform.problem.NotFoundException;
import io.pipeline.platform.security.Ownership;
import io.pipeline.platform.security.PipelineUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deals: open, change, close, reopen, read and search. Every change answers with the deal after it and its
 * version in {@code ETag}; send that back in {@code If-Match} to refuse the change (412) if someone changed the
 * deal since. A change asking for what already holds succeeds without recording anything, so retries are safe.
 */
@RestController
@RequestMapping("/api/opportunities")
public class OpportunityController {

    private static final String IF_MATCH = "If-Match";

    private final CommandGateway commands;
    private final Clock clock;
    private final JdbcSalesProcessCatalog processes;
    private final AccountDirectory accounts;
    private final OpportunityQueries queries;
    private final OpportunitySettings settings;
    private final BusinessTimePolicy businessTime;

    public OpportunityController(CommandGateway commands, Clock clock, JdbcSalesProcessCatalog processes,
                                 AccountDirectory accounts, OpportunityQueries queries, OpportunitySettings settings,
                                 BusinessTimePolicy businessTime) {
        this.commands = commands;
        this.clock = clock;
        this.processes = processes;
        this.accounts = accounts;
        this.queries = queries;
        this.settings = settings;
        this.businessTime = businessTime;
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> open(@Valid @RequestBody OpenOpportunityRequest request, PipelineUser user) {
        user.requireMayCreateFor(new Ownership(request.ownerId(), request.teamId(), request.regionId()));
        SalesProcess process = processes.forNewDeal(request.processId(), request.segment().name());
        Stage stage = request.stage() == null ? process.firstStage() : process.requireStage("stage", request.stage());
        String id = request.opportunityId() == null ? UUID.randomUUID().toString() : request.opportunityId();
        BusinessTime at = businessTime(request, user);
        accounts.ensure(request.accountId(), request.accountName() == null ? request.accountId() : request.accountName(),
                request.leadId());
        DealAtVersion opened = Creations.createOrRepeat(commands, at.message(new OpenOpportunity(id,
                request.accountId(), request.name(),
                request.ownerId(), request.teamId(), request.regionId(), request.segment().name(), request.type().name(),
                process.id(), process.version(), request.amount(), request.currency(), request.closeDate(), stage.name(),
                stage.category().name(), process.isQualifiedAt(stage.name()), request.leadId(), at.instant(),
                user.id())), () -> new RepeatOpen(id));
        return ResponseEntity.created(URI.create("/api/opportunities/" + id)).eTag(etag(opened.version()))
                .body(Map.of("opportunityId", id));
    }

    @GetMapping("/{id}")
    public ResponseEntity<OpportunityView> get(@PathVariable String id, PipelineUser user) {
        OpportunityView view = queries.find(id).orElseThrow(() -> new NotFoundException("opportunity", id));
        user.requireVisible(new Ownership(view.ownerId(), view.teamId(), view.regionId()), "opportunity", id);
        return ResponseEntity.ok().eTag(etag(view.version())).body(view);
    }

    /**
     * The read model: it follows the event store within moments, not within the request that changed a deal. Only
     * what the caller may see: a rep's own deals, a manager's team's, a region leader's region's, everything for
     * RevOps, BI, admins and the CRO. A {@code teamId} or {@code regionId} asked outside what the caller sees
     * selects nothing, as an {@code ownerId} of another team does for a manager.
     */
    @GetMapping
    public Page<OpportunityView> search(@RequestParam(required = false) @Size(max = 64) String ownerId,
                                        @RequestParam(required = false) @Size(max = 64) String teamId,
                                        @RequestParam(required = false) @Size(max = 64) String regionId,
                                        @RequestParam(required = false) @Size(max = 64) String accountId,
                                        @RequestParam(required = false) String stage,
                                        @RequestParam(required = false) ForecastCategory forecastCategory,
                                        @RequestParam(required = false) DealStatus status,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo,
                                        @RequestParam(required = false) String sort,
                                        @RequestParam(defaultValue = "0") @Min(0) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                        PipelineUser user) {
        SortOrder order = SortOrder.parse("sort", sort, OpportunityQueries.SORT_FIELDS, OpportunityQueries.DEFAULT_SORT);
        return user.listFilter(ownerId).narrowedTo(teamId, regionId)
                .map(visible -> queries.search(new OpportunitySearch(visible.ownerId(), visible.teamId(),
                        visible.regionId(), accountId, stage,
                        forecastCategory == null ? null : forecastCategory.name(), status == null ? null : status.name(),
                        closeFrom, closeTo), order, page, size))
                .orElseGet(() -> new Page<>(List.of(), page, size, 0));
    }

    @PostMapping("/{id}/advance")
    public ResponseEntity<DealAtVersion> advance(@PathVariable String id, @Valid @RequestBody StageRequest request,
                                                 @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                 PipelineUser user) {
        BusinessTime at = businessTime(request, user);
        return send(at.message(new AdvanceStage(id, request.stage(), EntityTags.expected(ifMatch), at.instant(),
                user.id())));
    }

    @PostMapping("/{id}/regress")
    public ResponseEntity<DealAtVersion> regress(@PathVariable String id, @Valid @RequestBody StageRequest request,
                                                 @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                 PipelineUser user) {
        BusinessTime at = businessTime(request, user);
        return send(at.message(new RegressStage(id, request.stage(), EntityTags.expected(ifMatch), at.instant(),
                user.id())));
    }

    @PutMapping("/{id}/close-date")
    public ResponseEntity<DealAtVersion> changeCloseDate(@PathVariable String id,
                                                         @Valid @RequestBody CloseDateRequest request,
                                                         @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                         PipelineUser user) {
        BusinessTime at = businessTime(request, user);
        return send(at.message(new ChangeCloseDate(id, request.closeDate(), EntityTags.expected(ifMatch),
                at.instant(), user.id())));
    }

    @PutMapping("/{id}/amount")
    public ResponseEntity<DealAtVersion> changeAmount(@PathVariable String id, @Valid @RequestBody AmountRequest request,
                                                      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                      PipelineUser user) {
        BusinessTime at = businessTime(request, user);
        return send(at.message(new ChangeAmount(id, request.amount(), request.currency(), EntityTags.expected(ifMatch),
                at.instant(), user.id())));
    }

    @PutMapping("/{id}/owner")
    public ResponseEntity<DealAtVersion> reassign(@PathVariable String id, @Valid @RequestBody OwnerRequest request,
                                                  @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                  PipelineUser user) {
        BusinessTime at = businessTime(request, user);
        return send(at.message(new ReassignOwner(id, request.ownerId(), request.teamId(), request.regionId(),
                EntityTags.expected(ifMatch), at.instant(), user.id())));
    }

    @PutMapping("/{id}/forecast-category")
    public ResponseEntity<DealAtVersion> overrideCategory(@PathVariable String id,
                                                          @Valid @RequestBody ForecastCategoryRequest request,
                                                          @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                          PipelineUser user) {
        BusinessTime at = businessTime(request, user);
        return send(at.message(new OverrideForecastCategory(id, request.forecastCategory().name(), request.reason(),
                EntityTags.expected(ifMatch), at.instant(), user.id())));
    }

    @PostMapping("/{id}/close-won")
    public ResponseEntity<DealAtVersion> closeWon(@PathVariable String id,
                                                  @Valid @RequestBody(required = false) CloseWonRequest body,
                                                  @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                  PipelineUser user) {
        CloseWonRequest request = body == null ? new CloseWonRequest(null, null) : body;
        BusinessTime at = businessTime(request, user);
        Instant occurredAt = at.instant();
        return send(at.message(new CloseWon(id, closeDate(request.closeDate(), occurredAt),
                EntityTags.expected(ifMatch), occurredAt, user.id())));
    }

    @PostMapping("/{id}/close-lost")
    public ResponseEntity<DealAtVersion> closeLost(@PathVariable String id, @Valid @RequestBody CloseLostRequest request,
                                                   @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                   PipelineUser user) {
        BusinessTime at = businessTime(request, user);
        Instant occurredAt = at.instant();
        return send(at.message(new CloseLost(id, request.reason().name(), request.competitor(),
                closeDate(request.closeDate(), occurredAt), EntityTags.expected(ifMatch), occurredAt, user.id())));
    }

    @PostMapping("/{id}/defer")
    public ResponseEntity<DealAtVersion> defer(@PathVariable String id,
                                               @Valid @RequestBody(required = false) DeferRequest body,
                                               @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                               PipelineUser user) {
        DeferRequest request = body == null ? new DeferRequest(null, null, null) : body;
        BusinessTime at = businessTime(request, user);
        Instant occurredAt = at.instant();
        return send(at.message(new DeferDeal(id, request.reason(), closeDate(request.closeDate(), occurredAt),
                EntityTags.expected(ifMatch), occurredAt, user.id())));
    }

    @PostMapping("/{id}/reopen")
    public ResponseEntity<DealAtVersion> reopen(@PathVariable String id,
                                                @Valid @RequestBody(required = false) ReopenRequest body,
                                                @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                PipelineUser user) {
        ReopenRequest request = body == null ? new ReopenRequest(null, null, null) : body;
        BusinessTime at = businessTime(request, user);
        return send(at.message(new ReopenDeal(id, request.stage(), request.closeDate(), EntityTags.expected(ifMatch),
                at.instant(), user.id())));
    }

    private ResponseEntity<DealAtVersion> send(Object command) {
        DealAtVersion result = commands.sendAndWait(command);
        return ResponseEntity.ok().eTag(etag(result.version())).body(result);
    }

    private BusinessTime businessTime(TimedRequest request, PipelineUser user) {
        return BusinessTime.admit(businessTime, clock, request.occurredAt(), user);
    }

    /** Closing sets the close date to the business date of the close unless the client names one. */
    private LocalDate closeDate(LocalDate requested, Instant occurredAt) {
        return requested != null ? requested : LocalDate.ofInstant(occurredAt, settings.businessZone());
    }

    private static String etag(long version) {
        return EntityTags.etag(version);
    }
}
