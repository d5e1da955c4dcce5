package io.pipeline.gateway.routing;

import java.net.URI;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The instances of one service, for Spring Cloud LoadBalancer's child context of that service (hence not a
 * {@code @Configuration} the main context would scan): the fixed list of {@link UpstreamSettings}, narrowed to
 * those whose {@code /actuator/health} answers UP ({@code spring.cloud.loadbalancer.health-check.*}). A fixed list
 * is enough for the production layouts (compose names each instance; Kubernetes gives one Service address), and
 * saves a discovery server.
 */
public class UpstreamInstances {

    @Bean
    ServiceInstanceListSupplier upstreamInstanceListSupplier(ConfigurableApplicationContext context,
                                                             Environment environment, UpstreamSettings settings) {
        String service = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        List<URI> urls = settings.instancesOf(service);
        ServiceInstance[] instances = new ServiceInstance[urls.size()];
        for (int i = 0; i < urls.size(); i++) {
            URI url = urls.get(i);
            boolean secure = "https".equalsIgnoreCase(url.getScheme());
            instances[i] = new DefaultServiceInstance(service + "-" + (i + 1), service, url.getHost(),
                    url.getPort() > 0 ? url.getPort() : secure ? 443 : 80, secure);
        }
        var supplier = ServiceInstanceListSupplier.builder()
                .withBase(ServiceInstanceListSuppliers.from(service, instances));
        return (settings.healthChecked() ? supplier.withHealthChecks(WebClient.create()) : supplier).build(context);
    }
}
