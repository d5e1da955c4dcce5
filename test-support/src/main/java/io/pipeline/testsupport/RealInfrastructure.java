package io.pipeline.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test context on the shared real Kafka and PostgreSQL of this test JVM: the context gets a
 * fresh database of its own ({@code spring.datasource.*}) and the broker ({@code pipeline.kafka.bootstrap-servers}
 * and {@code spring.kafka.bootstrap-servers}), and trusts the bearer tokens of {@link TestTokens} (its JWK set and
 * issuer).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {

    /** Prefix of the database created for the context. */
    String database() default "test";

    /** Whether the context gets the shared broker; a test that stops and starts a broker of its own says false. */
    boolean kafka() default true;
}
