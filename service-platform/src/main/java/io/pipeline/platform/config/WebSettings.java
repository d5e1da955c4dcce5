package io.pipeline.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxRequestSize requests with a larger body are refused with 413 before they are read */
@ConfigurationProperties("pipeline.web")
public record WebSettings(@DefaultValue("1MB") DataSize maxRequestSize) {
}
