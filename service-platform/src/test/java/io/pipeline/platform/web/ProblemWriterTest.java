package io.pipeline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletResponse;

class ProblemWriterTest {

    @Test
    void writesAProblemAsTheMessageConvertersDoWithExtrasAtTheTopAndNoNulls() throws Exception {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, "needs a token");
        problem.setProperty("hint", "send Authorization: Bearer <token>");
        MockHttpServletResponse response = new MockHttpServletResponse();

        ProblemWriter.write(response, problem);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"hint\":\"send Authorization: Bearer <token>\"")
                .doesNotContain("null").doesNotContain("\"properties\"");
    }
}
