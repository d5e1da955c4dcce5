package io.pipeline.opportunity.importing;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportSettings.class)
public class ImportConfiguration {

    /** Uploads up to the import's limit; only the import endpoint takes multipart requests. */
    @Bean
    MultipartConfigElement multipartConfigElement(ImportSettings settings) {
        long max = settings.maxUploadSize().toBytes();
        return new MultipartConfigElement(null, max, max, 1024 * 1024);
    }
}
