package io.pipeline.platform.input;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request field as free text (a reason, a note, an answer): it may hold tabs and line breaks and up to
 * {@link InputPolicy#FREE_TEXT_MAX_LENGTH} characters. Every other string is one line of at most
 * {@link InputPolicy#TEXT_MAX_LENGTH}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface FreeText {
}
