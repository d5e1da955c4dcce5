package io.pipeline.eventsourcing.security;

import io.pipeline.platform.security.Ownership;
import io.pipeline.eventsourcing.web.CommandMetadata;
import io.pipeline.platform.security.PipelineUser;
import java.util.Optional;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who sent a command, carried in its metadata from the HTTP request that dispatched it, so the aggregate itself
 * decides whether the caller may change it. The check then runs against the state the change is appended to, under
 * the aggregate's lock and from its cache, instead of against a separate read of the event store before dispatch
 * (which cost two queries a command and could see an owner that a concurrent reassignment had just replaced).
 *
 * <p>Commands dispatched outside a request with a bearer token (the Kafka consumers, the CRM import, tests of the
 * aggregate) carry no caller and are not checked here: those callers were authorised when they were started.
 */
public final class CommandCaller {

    /** Metadata key; the value stays in memory (commands are dispatched locally and never serialised). */
    public static final String METADATA_KEY = "pipelineCaller";

    private CommandCaller() {
    }

    /** Adds the request's validated caller to every command dispatched while serving it. */
    public static MessageDispatchInterceptor<CommandMessage<?>> dispatchInterceptor() {
        return CommandMetadata.fromRequest(METADATA_KEY, () ->
                SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                        ? PipelineUser.of(token.getToken()) : null);
    }

    public static Optional<PipelineUser> of(CommandMessage<?> command) {
        return command.getMetaData().get(METADATA_KEY) instanceof PipelineUser user ? Optional.of(user)
                : Optional.empty();
    }

    /**
     * For an aggregate's {@code @CommandHandlerInterceptor}: the caller may change the item (its owner, their
     * manager, an admin); 403 for one they only read. An item they may not see is answered exactly as an id that
     * does not exist (Axon's not-found, the same problem body), so a command cannot probe which ids are taken.
     */
    public static void requireChangeable(CommandMessage<?> command, Ownership item, String kind, String itemId) {
        of(command).ifPresent(caller -> {
            if (!caller.maySee(item)) {
                throw new AggregateNotFoundException(itemId, "No " + kind + " " + itemId + " for this caller");
            }
            caller.requireChangeable(item, kind, itemId);
        });
    }
}
