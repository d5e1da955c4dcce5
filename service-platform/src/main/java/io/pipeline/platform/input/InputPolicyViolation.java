package io.pipeline.platform.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A value of a JSON body that breaks the {@link InputPolicy}; its message is the rule, its path the field. */
public class InputPolicyViolation extends MismatchedInputException {

    public InputPolicyViolation(JsonParser parser, String rule, Class<?> type) {
        super(parser, rule, type);
    }
}
