package io.pipeline.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Registered in {@code META-INF/spring.factories}; acts on test classes annotated {@link RealInfrastructure}. */
public final class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        RealInfrastructure annotation = AnnotatedElementUtils.findMergedAnnotation(testClass, RealInfrastructure.class);
        return annotation == null ? null : new Customizer(annotation.database(), annotation.kafka());
    }

    /** Equal for equal prefixes, so Spring's context cache shares one context (and database) between them. */
    private record Customizer(String databasePrefix, boolean kafka) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            PipelineInfrastructure infrastructure = PipelineInfrastructure.shared();
            PipelineInfrastructure.Database database = infrastructure.newDatabase(databasePrefix);
            Map<String, Object> properties = new HashMap<>(Map.of(
                    "spring.datasource.url", database.jdbcUrl(),
                    "spring.datasource.username", database.username(),
                    "spring.datasource.password", database.password(),
                    // the service trusts the tokens TestTokens signs, and no other
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", TestTokens.jwkSetUri(),
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.ISSUER));
            if (kafka) {
                properties.put("pipeline.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
                properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
            }
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("pipelineInfrastructure",
                    properties));
        }
    }
}
