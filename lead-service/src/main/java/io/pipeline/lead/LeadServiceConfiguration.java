package io.pipeline.lead;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LeadServiceConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
