package io.pipeline.platform.input;

import io.pipeline.platform.problem.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The {@link InputPolicy} for what is not a JSON body: every query parameter and path variable is one line of text,
 * checked before the controller runs; a refusal is a 400 problem naming the parameter.
 */
public class RequestParameterPolicy implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                check(name, value);
            }
        });
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value)));
        }
        return true;
    }

    private static void check(String name, String value) {
        String rule = InputPolicy.textViolation(value, false);
        if (rule != null) {
            throw new InvalidFieldException(name, rule);
        }
    }
}
