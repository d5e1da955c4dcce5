package io.pipeline.platform.web;

import io.pipeline.platform.input.FreeText;
import io.pipeline.platform.input.InputPolicy;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;

/**
 * Makes each service's OpenAPI document say what the service really does, which springdoc cannot see from the
 * controllers alone:
 * <ul>
 *   <li>the errors every operation can answer, each an RFC 9457 problem ({@code Problem}): 400 (input policy), 401,
 *       403, 429 (the gateway's rate limit); 404 on a path naming one thing; 409 (state) and 412 (stale
 *       {@code If-Match}) on a command to one thing; 413 on a body too large;</li>
 *   <li>201 beside 200 on a POST to a collection (a create; a repeat of the same create answers 200), except admin
 *       jobs and imports;</li>
 *   <li>the input policy ({@link InputPolicy}) as schema limits: every string's {@code maxLength}, the year range of
 *       dates and instants, the digits of decimals;</li>
 *   <li>a field without {@code @NotNull}/{@code @NotBlank}/{@code @NotEmpty} that is not a primitive may be
 *       {@code null}: the services write null fields, they do not leave them out.</li>
 * </ul>
 */
public class OpenApiTruth implements OpenApiCustomizer, PropertyCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    /** A year of {@link InputPolicy#EARLIEST} to {@link InputPolicy#LATEST} at the start of an ISO date or instant. */
    static final String YEAR_RANGE = "^(20[0-9]{2}|2100)-";

    /** The decimal strings the input policy allows: 15 integer digits at most, 10 decimals at most. */
    static final String DECIMAL = "^-?[0-9]{1," + InputPolicy.MAX_INTEGER_DIGITS + "}(\\.[0-9]{1,"
            + InputPolicy.MAX_DECIMALS + "})?$";

    private static final Map<String, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", "A field breaks the input policy or a rule; the problem's errors name each field and rule");
        ERRORS.put("401", "No valid bearer token");
        ERRORS.put("403", "The caller's role or scope does not allow this");
        ERRORS.put("404", "Nothing with that id (or not visible to the caller)");
        ERRORS.put("409", "The current state does not allow this; the problem names the state");
        ERRORS.put("412", "If-Match names a version that is no longer the current one: read again and retry");
        ERRORS.put("413", "The request body is larger than the service accepts");
        ERRORS.put("429", "Too many requests (the gateway's rate limit); Retry-After says when to try again");
        ERRORS.put("503", "Cannot answer now: no healthy instance behind the gateway, (forecast) the index was "
                + "refused for lack of heap, or a plan change or call was not taken by Kafka or not yet applied; the "
                + "problem's detail says which and whether to send it again");
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean one = path.contains("{");
            boolean command = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            operation.setResponses(responses);
            if (method == PathItem.HttpMethod.POST && !one && !accepted(path) && responses.containsKey("200")
                    && !responses.containsKey("201")) {
                ApiResponse ok = responses.get("200");
                responses.addApiResponse("201", new ApiResponse().description("Created").content(ok.getContent())
                        .headers(ok.getHeaders()));
            }
            for (Map.Entry<String, String> error : ERRORS.entrySet()) {
                String status = error.getKey();
                boolean applies = switch (status) {
                    case "404" -> one;
                    case "409", "412" -> one && command;
                    case "413" -> command;
                    default -> true;
                };
                if (applies) {
                    responses.addApiResponse(status, problem(error.getValue()));
                }
            }
            // an advice's handler springdoc found (a 500 of ours, say) answers a problem too, whatever it inferred
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(problemContent());
                }
            });
            parameterLimits(operation);
        }));
        decimals(openApi);
    }

    /**
     * Every decimal of the document as the services write it (a string, {@link #decimalString}), map values and
     * array items included; in the schemas only requests use, a decimal may also be sent as a JSON number.
     */
    private static void decimals(OpenAPI openApi) {
        Map<String, Schema> components = openApi.getComponents().getSchemas() == null ? Map.of()
                : openApi.getComponents().getSchemas();
        List<Schema<?>> requestRoots = new java.util.ArrayList<>();
        List<Schema<?>> responseRoots = new java.util.ArrayList<>();
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().values().forEach(media -> add(requestRoots, media.getSchema()));
            }
            if (operation.getResponses() != null) {
                operation.getResponses().values().forEach(response -> {
                    if (response.getContent() != null) {
                        response.getContent().values().forEach(media -> add(responseRoots, media.getSchema()));
                    }
                });
            }
        }));
        components.values().forEach(schema -> visit(schema, components, false, s -> {
            if (bigDecimal(s)) {
                decimalString(s);
            }
        }));
        requestRoots.forEach(root -> visit(root, components, false, s -> {
            if (bigDecimal(s)) {
                decimalString(s);
            }
        }));
        responseRoots.forEach(root -> visit(root, components, false, s -> {
            if (bigDecimal(s)) {
                decimalString(s);
            }
        }));
        Set<Schema<?>> answered = reachable(responseRoots, components);
        Set<Schema<?>> requested = reachable(requestRoots, components);
        requested.removeAll(answered);
        for (Schema<?> schema : requested) {
            if ("decimal".equals(schema.getFormat())) {
                decimalStringOrNumber(schema);
            }
        }
    }

    private static void add(List<Schema<?>> roots, Schema<?> schema) {
        if (schema != null) {
            roots.add(schema);
        }
    }

    /** Every schema object reachable from {@code roots}, through references too (by identity). */
    private static Set<Schema<?>> reachable(List<Schema<?>> roots, Map<String, Schema> components) {
        Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        roots.forEach(root -> visit(root, components, true, seen::add));
        return seen;
    }

    /** Calls {@code action} on {@code schema} and every schema inside it; through {@code $ref}s if {@code follow}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void visit(Schema<?> schema, Map<String, Schema> components, boolean follow,
                              Consumer<Schema<?>> action) {
        Set<Schema<?>> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Schema<?>> pending = new java.util.LinkedList<>(); // takes the null of an absent part
        pending.push(schema);
        while (!pending.isEmpty()) {
            Schema<?> next = pending.pop();
            if (next == null || !seen.add(next)) {
                continue;
            }
            action.accept(next);
            if (follow && next.get$ref() != null && next.get$ref().startsWith("#/components/schemas/")) {
                pending.push(components.get(next.get$ref().substring("#/components/schemas/".length())));
            }
            if (next.getProperties() != null) {
                next.getProperties().values().forEach(p -> pending.push((Schema<?>) p));
            }
            pending.push(next.getItems());
            if (next.getAdditionalProperties() instanceof Schema additional) {
                pending.push(additional);
            }
            for (List<Schema> group : java.util.Arrays.asList(next.getAnyOf(), next.getOneOf(), next.getAllOf())) {
                if (group != null) {
                    group.forEach(p -> pending.push((Schema<?>) p));
                }
            }
        }
    }

    /** Admin jobs and imports (a POST to a collection that is not a create) answer 202 from a ResponseEntity. */
    private static boolean accepted(String path) {
        return path.contains("/admin/") || path.startsWith("/api/imports");
    }

    private static void parameterLimits(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            if (parameter.getSchema() != null) {
                limit(parameter.getSchema(), false);
            }
        }
    }

    @Override
    public Schema customize(Schema property, AnnotatedType type) {
        if (property == null) {
            return null;
        }
        Annotation[] annotations = type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
        boolean freeText = has(annotations, FreeText.class);
        limit(property, freeText);
        if (property.getItems() != null) {
            limit(property.getItems(), freeText);
        }
        boolean required = has(annotations, NotNull.class) || has(annotations, NotBlank.class)
                || has(annotations, NotEmpty.class)
                || type.getType() instanceof Class<?> c && c.isPrimitive();
        if (!required && property.get$ref() != null) {
            // a $ref cannot take "null" beside it: the referenced object or null
            Schema<Object> reference = new Schema<>().$ref(property.get$ref());
            reference.setSpecVersion(property.getSpecVersion());
            Schema<Object> none = new Schema<>();
            none.setSpecVersion(property.getSpecVersion());
            none.addType("null");
            Schema<Object> nullable = new Schema<>();
            nullable.setSpecVersion(property.getSpecVersion());
            nullable.setAnyOf(List.of(reference, none));
            nullable.setDescription(property.getDescription());
            return nullable;
        }
        if (!required && property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
            if (property.getEnum() != null && !property.getEnum().contains(null)) {
                property.getEnum().add(null);
            }
        }
        return property;
    }

    /** The input policy's limits on one schema, where the field does not already state a stricter one. */
    @SuppressWarnings("unchecked")
    private static void limit(Schema<?> schema, boolean freeText) {
        if (isType(schema, "string")) {
            String format = schema.getFormat();
            if ("decimal".equals(format)) {
                return;
            }
            if ("date".equals(format) || "date-time".equals(format)) {
                if (schema.getPattern() == null) {
                    schema.setPattern(YEAR_RANGE);
                }
                describe(schema, "Between " + InputPolicy.EARLIEST + " and " + InputPolicy.LATEST + ".");
            } else if (schema.getEnum() == null && schema.getMaxLength() == null) {
                schema.setMaxLength(freeText ? InputPolicy.FREE_TEXT_MAX_LENGTH : InputPolicy.TEXT_MAX_LENGTH);
                describe(schema, freeText ? "Free text: tabs and line breaks allowed, no other control character."
                        : "One line: no control character, no NUL, no lone surrogate.");
            }
        } else if (bigDecimal(schema)) {
            decimalString(schema);
        }
    }

    /** How springdoc writes a {@link java.math.BigDecimal}: a number without a format (doubles say "double"). */
    private static boolean bigDecimal(Schema<?> schema) {
        return isType(schema, "number") && schema.getFormat() == null;
    }

    /**
     * A decimal as every service writes it: a JSON string with its scale kept (the platform's Jackson settings), the
     * way amounts travel on Kafka too. A field that may be {@code null} keeps its {@code "null"} type.
     */
    @SuppressWarnings("unchecked")
    private static void decimalString(Schema<?> schema) {
        Set<String> types = new LinkedHashSet<>(List.of("string"));
        if (schema.getTypes() != null && schema.getTypes().contains("null")) {
            types.add("null");
        }
        schema.setTypes(types);
        schema.setType("string");
        schema.setFormat("decimal");
        schema.setPattern(DECIMAL);
        describe(schema, DECIMAL_STRING);
        ((Schema<Object>) schema).addExtension("x-max-integer-digits", InputPolicy.MAX_INTEGER_DIGITS);
    }

    /** A decimal a request may send as a decimal string or as a JSON number (read exactly, never as a float). */
    private static void decimalStringOrNumber(Schema<?> schema) {
        Set<String> types = new LinkedHashSet<>(schema.getTypes() == null ? Set.of("string") : schema.getTypes());
        types.add("number");
        schema.setTypes(types);
        String description = schema.getDescription() == null ? "" : schema.getDescription();
        schema.setDescription(description.replace(DECIMAL_STRING, DECIMAL_STRING_OR_NUMBER));
    }

    static final String DECIMAL_STRING = "A decimal as a string with its scale kept, such as \"120000.00\" (at most "
            + InputPolicy.MAX_INTEGER_DIGITS + " integer digits and " + InputPolicy.MAX_DECIMALS + " decimals).";
    static final String DECIMAL_STRING_OR_NUMBER = "A decimal string such as \"120000.00\" (preferred: what answers "
            + "write) or a JSON number such as 120000.00, read exactly (at most " + InputPolicy.MAX_INTEGER_DIGITS
            + " integer digits and " + InputPolicy.MAX_DECIMALS + " decimals; amounts: 2); true is refused, not turned "
            + "into a number.";

    private static boolean isType(Schema<?> schema, String type) {
        Set<String> types = schema.getTypes();
        return type.equals(schema.getType()) || types != null && types.contains(type);
    }

    private static void describe(Schema<?> schema, String rule) {
        String description = schema.getDescription();
        if (description == null) {
            schema.setDescription(rule);
        } else if (!description.contains(rule)) {
            schema.setDescription(description + " " + rule);
        }
    }

    private static boolean has(Annotation[] annotations, Class<? extends Annotation> kind) {
        return Arrays.stream(annotations).anyMatch(kind::isInstance);
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    /** RFC 9457's members as {@link Problems} and the advice write them; further members (currentState...) allowed. */
    private static Schema<?> problemSchema() {
        Schema<?> fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field's path in the request"))
                .addProperty("message", new StringSchema().description("The rule it breaks"));
        fieldProblem.setRequired(List.of("field", "message"));
        Schema<?> problem = new ObjectSchema()
                .addProperty("type", new StringSchema().format("uri").description("urn:pipeline:problem:..."))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("What was wrong and what to do next"))
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldProblem));
        problem.setRequired(List.of("type", "title", "status"));
        problem.setDescription("An RFC 9457 problem");
        return problem;
    }
}
