package io.pipeline.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Adds every {@code META-INF/pipeline-defaults.properties} on the class path as the lowest-precedence property
 * source, so a shared module brings its defaults with it and any service, profile or environment variable can
 * still override them.
 */
public class PipelineDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String LOCATION = "classpath*:META-INF/pipeline-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            Properties merged = new Properties();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (var in = resource.getInputStream()) {
                    Properties one = new Properties();
                    one.load(in);
                    one.forEach(merged::putIfAbsent);
                }
            }
            environment.getPropertySources().addLast(new PropertiesPropertySource("pipelineDefaults", merged));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + LOCATION, e);
        }
    }
}
