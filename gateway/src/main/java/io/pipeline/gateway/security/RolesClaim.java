package io.pipeline.gateway.security;

import java.util.Collection;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * The gateway needs only the subject (to rate-limit per caller; a token without one is refused) and the admin
 * role (for its own actuator): the services map the whole {@code roles} claim themselves.
 */
final class RolesClaim {

    private RolesClaim() {
    }

    static Converter<Jwt, Mono<AbstractAuthenticationToken>> authentication() {
        return jwt -> {
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                return Mono.error(new InvalidBearerTokenException("The token names no subject"));
            }
            Object claim = jwt.getClaim("roles");
            Collection<?> roles = claim instanceof Collection<?> list ? list : List.of();
            List<GrantedAuthority> authorities = roles.stream()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
            return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
        };
    }
}
