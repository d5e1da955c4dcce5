package io.pipeline.eventsourcing.history;

import io.pipeline.platform.period.BusinessTimePolicy;
import io.pipeline.platform.security.PipelineUser;
import java.time.Clock;
import java.time.Instant;

/**
 * The business time of a live command, admitted by the {@link BusinessTimePolicy}: a rep or manager may not date a
 * change into the future nor into a closed quarter (400 naming {@code occurredAt}); an admin may, and the command
 * is then marked imported ({@code api:<admin>}), so the history shows it was not a live change.
 *
 * @param instant    the business time: the requested one, or now
 * @param importMark the import mark the command carries, or null for a live command
 */
public record BusinessTime(Instant instant, String importMark) {

    /** The import mark of an admin's command outside the live window: an import through the API by that admin. */
    public static final String API_IMPORT_PREFIX = "api:";
    public static final String FIELD = "occurredAt";

    /** @param requested the request's {@code occurredAt}; null means now */
    public static BusinessTime admit(BusinessTimePolicy policy, Clock clock, Instant requested, PipelineUser user) {
        boolean exception = policy.admit(FIELD, requested, user) == BusinessTimePolicy.Admission.ADMIN_EXCEPTION;
        return new BusinessTime(requested == null ? clock.instant() : requested,
                exception ? API_IMPORT_PREFIX + user.id() : null);
    }

    /** The command as sent: marked imported when it is an admin's exception. */
    public Object message(Object command) {
        return importMark == null ? command : EventHistory.imported(command, importMark);
    }
}
