package io.pipeline.eventsourcing.web;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

/** Dispatch interceptors that copy something of the request being served into the metadata of its commands. */
public final class CommandMetadata {

    private CommandMetadata() {
    }

    /**
     * Adds {@code key} with the value {@code current} gives on the dispatching thread, unless it gives null (no
     * request, or nothing to carry) or the command already carries the key (a caller that set it on purpose).
     */
    public static MessageDispatchInterceptor<CommandMessage<?>> fromRequest(String key, Supplier<?> current) {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    Object value = current.get();
                    return value == null || command.getMetaData().containsKey(key)
                            ? command : command.andMetaData(Map.of(key, value));
                };
            }
        };
    }
}
