package io.pipeline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.platform.problem.InvalidFieldException;
import org.junit.jupiter.api.Test;

class EntityTagsTest {

    @Test
    void readsBackTheVersionItsETagCarriesStrongOrWeak() {
        assertThat(EntityTags.expected(EntityTags.etag(7))).isEqualTo(7L);
        assertThat(EntityTags.expected("W/\"12\"")).isEqualTo(12L);
    }

    @Test
    void noHeaderOrAStarMeansAnyVersion() {
        assertThat(EntityTags.expected(null)).isNull();
        assertThat(EntityTags.expected(" * ")).isNull();
    }

    @Test
    void anythingElseIsA400NamingTheHeader() {
        assertThatThrownBy(() -> EntityTags.expected("\"seven\"")).isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("If-Match:");
    }
}
