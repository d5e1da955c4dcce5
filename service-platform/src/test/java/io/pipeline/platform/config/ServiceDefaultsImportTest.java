package io.pipeline.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The shared defaults reach a service through the import its application.yml names, and a setting of the service's
 * own wins over them only because it sits in the document after the import: Spring Boot lets an imported file
 * override the document that imports it.
 */
class ServiceDefaultsImportTest {

    @Configuration(proxyBeanMethods = false)
    static class Nothing {
    }

    private static String[] settings(String configName, String... names) {
        SpringApplication application = new SpringApplication(Nothing.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--spring.config.name=" + configName)) {
            Environment environment = context.getEnvironment();
            String[] values = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = environment.getProperty(names[i]);
            }
            return values;
        }
    }

    @Test
    void aServicesOwnSettingAfterTheImportOverridesTheSharedDefaultAndTheRestStay() {
        assertThat(settings("defaults-import-check", "server.shutdown", "server.error.include-message",
                "spring.jackson.deserialization.fail-on-unknown-properties"))
                .containsExactly("immediate", "never", "true");
    }

    @Test
    void withoutTheImportNoSharedDefaultIsApplied() {
        // the defaults come only from the file a service names: nothing adds them behind its back any more
        assertThat(settings("no-such-config", "server.error.include-message", "server.shutdown"))
                .containsExactly(null, null);
    }
}
