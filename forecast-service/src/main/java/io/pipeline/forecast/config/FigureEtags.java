package io.pipeline.forecast.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.DigestUtils;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * An ETag on every forecast answer, so a client polling a figure (the dashboard's live refresh) sends
 * {@code If-None-Match} and gets {@code 304 Not Modified} without the body while the figures stay the same; the
 * page then keeps what it shows instead of redrawing it.
 */
@Configuration(proxyBeanMethods = false)
public class FigureEtags {

    @Bean
    FilterRegistrationBean<FigureEtagFilter> figureEtagFilter() {
        FilterRegistrationBean<FigureEtagFilter> registration = new FilterRegistrationBean<>(new FigureEtagFilter());
        registration.addUrlPatterns("/api/forecast/*");
        registration.setName("figureEtags");
        return registration;
    }

    /**
     * A weak ETag over the answer without the instant it echoes ({@code asOf}, the waterfall's {@code to}): asked
     * "now", every answer names a new instant, so a hash of the whole body would never repeat; the instant is what
     * the request asked for (now, or the {@code asOf} in the URL), the figures are what may change. Weak, because
     * two answers with one ETag may differ in those bytes.
     */
    static final class FigureEtagFilter extends ShallowEtagHeaderFilter {

        private static final Pattern ECHOED_INSTANT = Pattern.compile("\"(?:asOf|to)\":\"[^\"]*\"");

        FigureEtagFilter() {
            setWriteWeakETag(true);
        }

        @Override
        protected String generateETagHeaderValue(InputStream body, boolean isWeak) throws IOException {
            String figures = ECHOED_INSTANT.matcher(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .replaceAll("");
            StringBuilder etag = new StringBuilder(isWeak ? "W/\"0" : "\"0");
            DigestUtils.appendMd5DigestAsHex(figures.getBytes(StandardCharsets.UTF_8), etag);
            return etag.append('"').toString();
        }
    }
}
