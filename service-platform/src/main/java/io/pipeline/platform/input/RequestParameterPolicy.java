package io.pipeline.platform.input;

import io.pipeline.platform.problem.InvalidFieldException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        checkEncoding(request.getQueryString());
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException unreadable) {
            // Tomcat's InvalidParameterException (too many parameters, a body it cannot decode): the client's fault
            throw new InvalidFieldException("query", "cannot be read as parameters");
        }
        parameters.forEach((name, values) -> {
            for (String value : values) {
                check(name, value);
            }
        });
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value)));
        }
        return true;
    }

    /**
     * A percent-encoded byte sequence that is no UTF-8 ({@code %C0%AE}, {@code %FF}) makes Tomcat refuse the whole
     * parameter map with an exception that would answer 500 and names no parameter; read the raw query first and
     * refuse the first such parameter by name. A name that does not decode itself is reported as {@code query}.
     */
    static void checkEncoding(String query) {
        if (query == null || query.indexOf('%') < 0) {
            return;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decoded(rawName);
            if (name == null) {
                throw new InvalidFieldException("query", "holds a parameter name that is not UTF-8 percent-encoding");
            }
            if (equals >= 0 && decoded(pair.substring(equals + 1)) == null) {
                throw new InvalidFieldException(name, "is not UTF-8: a percent-encoded byte sequence that is no character");
            }
        }
    }

    /** The text of a form-encoded component, or null when its bytes are not UTF-8 (or a {@code %} is cut short). */
    private static String decoded(String component) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                if (i + 2 >= component.length()) {
                    return null;
                }
                int high = Character.digit(component.charAt(i + 1), 16);
                int low = Character.digit(component.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] literal = String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8);
                bytes.write(literal, 0, literal.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static void check(String name, String value) {
        String rule = InputPolicy.textViolation(value, false);
        if (rule != null) {
            throw new InvalidFieldException(name, rule);
        }
    }
}
