package io.pipeline.forecast.config;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class FigureEtagsTest {

    private static final String AT_ONE = "{\"basis\":{\"period\":\"FY2026-Q4\",\"asOf\":\"2026-12-01T21:41:09.639Z\"},"
            + "\"totals\":[{\"category\":\"PIPELINE\",\"amount\":\"10.00\",\"count\":1}]}";
    private static final String AT_TWO = AT_ONE.replace("21:41:09.639Z", "21:41:14.002Z");
    private static final String CHANGED = AT_TWO.replace("\"10.00\"", "\"12.00\"");

    @Test
    void answersAskedNowAtTwoInstantsWithTheSameFiguresHaveOneEtag() throws Exception {
        assertThat(answer(AT_ONE, null).getHeader("ETag")).startsWith("W/\"")
                .isEqualTo(answer(AT_TWO, null).getHeader("ETag"));
    }

    @Test
    void changedFiguresHaveAnotherEtag() throws Exception {
        assertThat(answer(CHANGED, null).getHeader("ETag")).isNotEqualTo(answer(AT_ONE, null).getHeader("ETag"));
    }

    @Test
    void theEtagOfUnchangedFiguresIsAnsweredWithNotModifiedAndNoBody() throws Exception {
        String etag = answer(AT_ONE, null).getHeader("ETag");

        MockHttpServletResponse unchanged = answer(AT_TWO, etag);
        assertThat(unchanged.getStatus()).isEqualTo(HttpServletResponse.SC_NOT_MODIFIED);
        assertThat(unchanged.getContentAsByteArray()).isEmpty();

        MockHttpServletResponse changed = answer(CHANGED, etag);
        assertThat(changed.getStatus()).isEqualTo(HttpServletResponse.SC_OK);
        assertThat(changed.getContentAsString()).isEqualTo(CHANGED);
    }

    private static MockHttpServletResponse answer(String body, String ifNoneMatch) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/forecast/category-totals");
        if (ifNoneMatch != null) {
            request.addHeader("If-None-Match", ifNoneMatch);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain figure = (req, res) -> {
            res.setContentType("application/json");
            res.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        };
        new FigureEtags.FigureEtagFilter().doFilter(request, response, figure);
        return response;
    }
}
