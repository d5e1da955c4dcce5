package io.pipeline.opportunity.importing;

import io.pipeline.platform.web.RequestSizeLimitFilter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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

    /**
     * The platform refuses bodies over {@code pipeline.web.max-request-size} (1 MB) everywhere, while a CRM export
     * is often hundreds of megabytes: requests to {@value ImportController#PATH} get the import's own limit, all
     * others keep the platform's. (A path-aware limit in service-platform would replace this.)
     */
    @Bean
    static BeanPostProcessor importUploadLimit(ObjectProvider<ImportSettings> settings) {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings("unchecked")
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof FilterRegistrationBean<?> registration
                        && registration.getFilter() instanceof RequestSizeLimitFilter general) {
                    RequestSizeLimitFilter imports = new RequestSizeLimitFilter(
                            settings.getObject().maxUploadSize().toBytes());
                    ((FilterRegistrationBean<Filter>) registration).setFilter(new ImportsOwnLimit(general, imports));
                }
                return bean;
            }
        };
    }

    private record ImportsOwnLimit(Filter general, Filter imports) implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            boolean importUpload = request instanceof HttpServletRequest http
                    && http.getRequestURI().equals(ImportController.PATH);
            (importUpload ? imports : general).doFilter(request, response, chain);
        }
    }
}
