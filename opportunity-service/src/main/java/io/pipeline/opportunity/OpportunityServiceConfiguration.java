package io.pipeline.opportunity;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpportunityServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
