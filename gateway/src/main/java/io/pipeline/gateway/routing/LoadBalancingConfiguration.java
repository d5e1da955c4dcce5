package io.pipeline.gateway.routing;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Routes to {@code lb://<service>} pick one of its healthy instances, round robin. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UpstreamSettings.class)
@LoadBalancerClients(defaultConfiguration = UpstreamInstances.class)
public class LoadBalancingConfiguration {
}
