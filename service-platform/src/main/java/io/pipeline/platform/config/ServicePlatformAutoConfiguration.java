package io.pipeline.platform.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.pipeline.platform.input.InputPolicyModule;
import io.pipeline.platform.input.RequestParameterPolicy;
import io.pipeline.platform.parking.ParkedEvents;
import io.pipeline.platform.period.BusinessTimePolicy;
import io.pipeline.platform.period.BusinessTimeSettings;
import io.pipeline.platform.period.ClosedPeriods;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import io.pipeline.platform.security.PipelineSecurityConfiguration;
import io.pipeline.platform.web.CorrelationIdFilter;
import io.pipeline.platform.web.OpenApiTruth;
import io.pipeline.platform.web.ProblemDetailsAdvice;
import io.pipeline.platform.web.RequestSizeLimitFilter;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/** Runs before Boot's security auto-configuration, so our filter chain replaces its defaults (form login, basic). */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@EnableConfigurationProperties({KafkaSettings.class, WebSettings.class, BusinessTimeSettings.class})
@Import({ProblemDetailsAdvice.class, PipelineSecurityConfiguration.class})
public class ServicePlatformAutoConfiguration {

    /** Problem properties ({@code errors}, {@code currentState}) at the top level of the body, as RFC 9457 has them. */
    @Bean
    JsonMapperBuilderCustomizer problemDetailProperties() {
        return builder -> builder.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);
    }

    /**
     * The input policy of JSON bodies: a key given twice is refused (not "last wins"), a number or boolean is not
     * silently turned into a string, and every string, decimal and date is checked ({@link InputPolicyModule}).
     */
    @Bean
    JsonMapperBuilderCustomizer inputPolicy() {
        return builder -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .addModule(new InputPolicyModule());
    }

    /**
     * Every decimal a service answers ({@link BigDecimal}: amounts, rates, ratios) is a JSON string with its scale
     * kept ({@code "120000.00"}, never {@code 120000} or {@code 1.2E+5}), as amounts travel on Kafka: a JSON number
     * is a binary float to most clients and would lose cents. Reading is unchanged: a request's decimal may be a
     * decimal string or a JSON number (the OpenAPI document says so per field).
     */
    @Bean
    JsonMapperBuilderCustomizer decimalsAsStrings() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .withConfigOverride(BigDecimal.class,
                        decimal -> decimal.setFormat(JsonFormat.Value.forShape(JsonFormat.Shape.STRING)));
    }

    /** The input policy of query parameters and path variables. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    WebMvcConfigurer requestParameterPolicy() {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RequestParameterPolicy());
            }
        };
    }

    /** The count of parked events per read model, as a metric and as the health endpoint's parkedEvents. */
    @Bean
    ParkedEvents parkedEvents(MeterRegistry meters) {
        return new ParkedEvents(meters, Clock.systemUTC());
    }

    /** The explicit closes and reopens of fiscal quarters this service has learnt (its own or from Kafka). */
    @Bean
    @ConditionalOnMissingBean
    ClosedPeriods closedPeriods() {
        return new ClosedPeriods();
    }

    /** The rule for a live command's business time; the service's own clock when it has one. */
    @Bean
    @ConditionalOnMissingBean
    BusinessTimePolicy businessTimePolicy(BusinessTimeSettings settings, ClosedPeriods closed,
                                          ObjectProvider<Clock> clock) {
        return new BusinessTimePolicy(settings, closed, clock.getIfAvailable(Clock::systemUTC));
    }

    /** What the OpenAPI document says: every error status, 201 for creates, the input policy's limits. */
    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springdoc.core.customizers.OpenApiCustomizer")
    OpenApiTruth openApiTruth() {
        return new OpenApiTruth();
    }

    @Bean
    @ConditionalOnProperty(name = "pipeline.kafka.provision-topics", havingValue = "true", matchIfMissing = true)
    TopicProvisioning topicProvisioning(KafkaSettings kafka) {
        return new TopicProvisioning(kafka);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(WebSettings settings) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(settings));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
