package io.pipeline.platform.security;

import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is an OAuth2 resource server: it validates the bearer token itself (signature against the
 * issuer's JWK set, expiry, issuer) rather than trusting the gateway or any header. Then, by path: public paths
 * need nothing, reference-data writes need admin, every other {@code /api/**} request needs one of our roles.
 * Which items a caller sees is decided by the controllers with {@link PipelineUser}; whether they may change one,
 * by the item's aggregate (eventsourcing-platform's {@code CommandCaller}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecuritySettings.class)
public class PipelineSecurityConfiguration implements WebMvcConfigurer {

    static {
        // the caller is not a request parameter: keep it out of the OpenAPI documents
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(PipelineUser.class);
    }

    private static final int REMEMBERED_TOKENS = 10_000;

    private static final String[] ANY_ROLE = Arrays.stream(Role.values()).map(Role::name).toArray(String[]::new);

    /** Boot's decoder (JWK set, issuer, expiry) stays the judge; the wrapper only remembers its verdicts. */
    @Bean
    static BeanPostProcessor rememberAcceptedTokens() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)
                        ? new CachingJwtDecoder(decoder, Clock.systemUTC(), REMEMBERED_TOKENS) : bean;
            }
        };
    }

    @Bean
    SecurityFilterChain pipelineSecurity(HttpSecurity http, SecuritySettings settings) throws Exception {
        String[] adminOnly = settings.adminOnlyWrites().toArray(String[]::new);
        http.csrf(AbstractHttpConfigurer::disable) // bearer tokens, no cookies: nothing for a forged form to ride on
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(settings.publicPaths().toArray(String[]::new)).permitAll();
                    if (adminOnly.length > 0) {
                        requests.requestMatchers(HttpMethod.GET, adminOnly).hasAnyRole(ANY_ROLE);
                        requests.requestMatchers(HttpMethod.HEAD, adminOnly).hasAnyRole(ANY_ROLE);
                        requests.requestMatchers(adminOnly).hasRole(Role.ADMIN.name());
                    }
                    requests.requestMatchers(settings.adminOnly().toArray(String[]::new)).hasRole(Role.ADMIN.name());
                    requests.requestMatchers("/api/**").hasAnyRole(ANY_ROLE);
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authentication()))
                        .authenticationEntryPoint(ProblemResponses.unauthenticated())
                        .accessDeniedHandler(ProblemResponses.forbidden()))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(ProblemResponses.unauthenticated())
                        .accessDeniedHandler(ProblemResponses.forbidden()));
        return http.build();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PipelineUserArgumentResolver());
    }

    /**
     * The authentication's name is the token's subject (the actor of every command); roles become authorities. A
     * token naming no subject names no actor: refused as invalid (401), like a bad signature.
     */
    static Converter<Jwt, AbstractAuthenticationToken> authentication() {
        return jwt -> {
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                throw new InvalidBearerTokenException("The token names no subject");
            }
            Collection<GrantedAuthority> authorities = PipelineUser.of(jwt).roles().stream()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }
}
