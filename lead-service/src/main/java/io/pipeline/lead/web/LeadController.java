package io.pipeline.lead.web;

import io.pipeline.platform.web.EntityTags;
import io.pipeline.lead.api.AcceptLead;
import io.pipeline.lead.api.CaptureLead;
import io.pipeline.lead.api.RepeatCapture;
import io.pipeline.eventsourcing.command.Creations;
import io.pipeline.eventsourcing.history.BusinessTime;
import io.pipeline.platform.period.BusinessTimePolicy;
import io.pipeline.lead.api.ConvertLead;
import io.pipeline.lead.api.DisqualifyLead;
import io.pipeline.lead.api.LeadProfile;
import io.pipeline.lead.api.LeadSource;
import io.pipeline.lead.api.LeadState;
import io.pipeline.lead.api.LeadStatus;
import io.pipeline.lead.api.ListLeads;
import io.pipeline.lead.api.MarkLeadMarketingQualified;
import io.pipeline.lead.api.NurtureLead;
import io.pipeline.lead.api.QualificationFramework;
import io.pipeline.lead.api.QualifyLead;
import io.pipeline.lead.api.RecycleLead;
import io.pipeline.lead.api.RejectLead;
import io.pipeline.lead.query.LeadPage;
import io.pipeline.lead.query.LeadView;
import io.pipeline.lead.query.LeadViewQueries;
import io.pipeline.platform.problem.InvalidFieldException;
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
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Leads over HTTP: one endpoint per transition, each answering the lead's state and version straight from the
 * aggregate, with the version as ETag. Send it back in If-Match to refuse the change (412) if the lead changed
 * since; without If-Match the change applies to whatever version is current. Reads come from the read model.
 */
@RestController
@RequestMapping("/api/leads")
public class LeadController {

    private static final String IF_MATCH = "If-Match";

    private final CommandGateway commands;
    private final LeadViewQueries views;
    private final Clock clock;

    private final BusinessTimePolicy businessTime;

    public LeadController(CommandGateway commands, LeadViewQueries views, Clock clock,
                          BusinessTimePolicy businessTime) {
        this.commands = commands;
        this.views = views;
        this.clock = clock;
        this.businessTime = businessTime;
    }

    @PostMapping
    public ResponseEntity<LeadChange> capture(@Valid @RequestBody CaptureLeadRequest request, PipelineUser user) {
        String id = request.leadId() == null ? UUID.randomUUID().toString() : request.leadId();
        user.requireMayCreateFor(new Ownership(request.ownerId(), request.teamId(), request.regionId()));
        LeadProfile profile = new LeadProfile(request.company(), request.source(), request.ownerId(),
                request.teamId(), request.regionId(), request.segment());
        BusinessTime at = businessTime(request.occurredAt(), user);
        LeadStatus status = Creations.createOrRepeat(commands, at.message(new CaptureLead(id, profile,
                request.personName(), request.email(), request.jobTitle(), request.score(), at.instant(), user.id())),
                () -> new RepeatCapture(id));
        return ResponseEntity.status(status.changed() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/leads/" + id))
                .eTag(EntityTags.etag(status.version()))
                .body(LeadChange.of(status));
    }

    @PostMapping("/{leadId}/nurture")
    public ResponseEntity<LeadChange> nurture(@PathVariable String leadId,
                                              @Valid @RequestBody(required = false) TransitionRequest request,
                                              @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                              PipelineUser user) {
        BusinessTime at = businessTime(request == null ? null : request.occurredAt(), user);
        return send(at.message(new NurtureLead(leadId, EntityTags.expected(ifMatch), at.instant(), user.id())));
    }

    @PostMapping("/{leadId}/mark-mql")
    public ResponseEntity<LeadChange> markMql(@PathVariable String leadId,
                                              @Valid @RequestBody(required = false) MarkMqlRequest request,
                                              @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                              PipelineUser user) {
        Integer score = request == null ? null : request.score();
        BusinessTime at = businessTime(request == null ? null : request.occurredAt(), user);
        return send(at.message(new MarkLeadMarketingQualified(leadId, EntityTags.expected(ifMatch), score,
                at.instant(), user.id())));
    }

    @PostMapping("/{leadId}/qualify")
    public ResponseEntity<LeadChange> qualify(@PathVariable String leadId,
                                              @Valid @RequestBody QualifyLeadRequest request,
                                              @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                              PipelineUser user) {
        if ((request.bant() == null) == (request.meddic() == null)) {
            throw new InvalidFieldException("bant", "give the answers of exactly one framework: bant or meddic");
        }
        QualificationFramework framework = request.bant() != null ? QualificationFramework.BANT
                : QualificationFramework.MEDDIC;
        BusinessTime at = businessTime(request.occurredAt(), user);
        return send(at.message(new QualifyLead(leadId, EntityTags.expected(ifMatch), framework,
                request.bant() != null ? request.bant().answers() : request.meddic().answers(),
                at.instant(), user.id())));
    }

    @PostMapping("/{leadId}/accept")
    public ResponseEntity<LeadChange> accept(@PathVariable String leadId,
                                             @Valid @RequestBody AcceptLeadRequest request,
                                             @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                             PipelineUser user) {
        BusinessTime at = businessTime(request.occurredAt(), user);
        return send(at.message(new AcceptLead(leadId, EntityTags.expected(ifMatch), request.aeId(), request.teamId(),
                request.regionId(), at.instant(), user.id())));
    }

    @PostMapping("/{leadId}/reject")
    public ResponseEntity<LeadChange> reject(@PathVariable String leadId, @Valid @RequestBody ReasonRequest request,
                                             @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                             PipelineUser user) {
        BusinessTime at = businessTime(request.occurredAt(), user);
        return send(at.message(new RejectLead(leadId, EntityTags.expected(ifMatch), request.reason(),
                at.instant(), user.id())));
    }

    @PostMapping("/{leadId}/disqualify")
    public ResponseEntity<LeadChange> disqualify(@PathVariable String leadId,
                                                 @Valid @RequestBody ReasonRequest request,
                                                 @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                                 PipelineUser user) {
        BusinessTime at = businessTime(request.occurredAt(), user);
        return send(at.message(new DisqualifyLead(leadId, EntityTags.expected(ifMatch), request.reason(),
                at.instant(), user.id())));
    }

    @PostMapping("/{leadId}/recycle")
    public ResponseEntity<LeadChange> recycle(@PathVariable String leadId,
                                              @Valid @RequestBody(required = false) TransitionRequest request,
                                              @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                              PipelineUser user) {
        BusinessTime at = businessTime(request == null ? null : request.occurredAt(), user);
        return send(at.message(new RecycleLead(leadId, EntityTags.expected(ifMatch), at.instant(), user.id())));
    }

    /** Opens the opportunity through the LeadConverted event; its id comes from the lead's, so a retry is harmless. */
    @PostMapping("/{leadId}/convert")
    public ResponseEntity<LeadChange> convert(@PathVariable String leadId,
                                              @Valid @RequestBody ConvertLeadRequest request,
                                              @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
                                              PipelineUser user) {
        BusinessTime at = businessTime(request.occurredAt(), user);
        return send(at.message(new ConvertLead(leadId, EntityTags.expected(ifMatch), request.accountId(),
                request.accountName(),
                request.opportunityName(), request.amount(), request.currency(), request.closeDate(),
                at.instant(), user.id())));
    }

    @GetMapping("/{leadId}")
    public ResponseEntity<LeadView> get(@PathVariable String leadId, PipelineUser user) {
        LeadView view = views.find(leadId).orElseThrow(() -> new NotFoundException("lead", leadId));
        user.requireVisible(new Ownership(view.ownerId(), view.teamId(), view.regionId()), "lead", leadId);
        return ResponseEntity.ok().eTag(EntityTags.etag(view.version())).body(view);
    }

    /**
     * Newest first by capture time; {@code createdFrom} inclusive, {@code createdTo} exclusive (ISO-8601 instants).
     * Only what the caller may see: a rep's own leads, a manager's team's, a region leader's region's, everything
     * for RevOps, BI, admins and the CRO. A {@code teamId} or {@code regionId} asked outside what the caller sees
     * selects nothing, as on the deal list.
     */
    @GetMapping
    public LeadPage list(@RequestParam(required = false) LeadState state,
                         @RequestParam(required = false) @Size(max = 64) String ownerId,
                         @RequestParam(required = false) @Size(max = 64) String teamId,
                         @RequestParam(required = false) @Size(max = 64) String regionId,
                         @RequestParam(required = false) LeadSource source,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                         Instant createdFrom,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                         Instant createdTo,
                         @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                         @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
                         PipelineUser user) {
        return user.listFilter(ownerId).narrowedTo(teamId, regionId)
                .map(visible -> views.list(new ListLeads(state, visible.ownerId(), visible.teamId(), visible.regionId(),
                        source, createdFrom, createdTo, page, size)))
                .orElseGet(() -> new LeadPage(List.of(), page, size, 0));
    }

    private ResponseEntity<LeadChange> send(Object command) {
        LeadStatus status = commands.sendAndWait(command);
        return ResponseEntity.ok().header(HttpHeaders.ETAG, EntityTags.etag(status.version())).body(LeadChange.of(status));
    }

    private BusinessTime businessTime(Instant requested, PipelineUser user) {
        return BusinessTime.admit(businessTime, clock, requested, user);
    }
}
