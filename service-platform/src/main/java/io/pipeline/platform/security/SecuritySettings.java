package io.pipeline.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may do what at the level of whole paths; finer rules (whose item) live with the controllers.
 *
 * @param adminOnlyWrites path patterns ({@code /api/sales-processes/**}) where anything but GET needs the admin
 *                        role: each service lists its reference data here
 * @param adminOnly       path patterns where every method needs the admin role: operations such as replays
 * @param publicPaths     path patterns served without a token: health, the OpenAPI document, Swagger UI
 */
@ConfigurationProperties("pipeline.security")
public record SecuritySettings(@DefaultValue({}) List<String> adminOnlyWrites,
                               @DefaultValue({"/api/admin/**", "/actuator/**"}) List<String> adminOnly,
                               @DefaultValue({"/actuator/health", "/actuator/health/**", "/actuator/info",
                                       "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                       "/swagger-ui/**", "/error"}) List<String> publicPaths) {
}
