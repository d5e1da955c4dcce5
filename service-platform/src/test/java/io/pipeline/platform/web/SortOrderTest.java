package io.pipeline.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.platform.problem.InvalidFieldException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortOrderTest {

    private static final List<String> FIELDS = List.of("amount", "closeDate");
    private static final SortOrder FALLBACK = new SortOrder("closeDate", false);

    @Test
    void aFieldWithOrWithoutItsDirection() {
        assertThat(SortOrder.parse("sort", "amount,desc", FIELDS, FALLBACK)).isEqualTo(new SortOrder("amount", true));
        assertThat(SortOrder.parse("sort", "amount,ASC", FIELDS, FALLBACK)).isEqualTo(new SortOrder("amount", false));
        assertThat(SortOrder.parse("sort", "amount", FIELDS, FALLBACK)).isEqualTo(new SortOrder("amount", false));
        assertThat(SortOrder.parse("sort", "amount,desc", FIELDS, FALLBACK)).hasToString("amount,desc");
    }

    @Test
    void absentOrBlankIsTheFallback() {
        assertThat(SortOrder.parse("sort", null, FIELDS, FALLBACK)).isSameAs(FALLBACK);
        assertThat(SortOrder.parse("sort", " ", FIELDS, FALLBACK)).isSameAs(FALLBACK);
    }

    @Test
    void anUnknownFieldOrDirectionNamesTheParameter() {
        for (String bad : List.of("owner", "amount,up", "amount,desc,asc", ",desc", "Amount")) {
            assertThatThrownBy(() -> SortOrder.parse("sort", bad, FIELDS, FALLBACK))
                    .isInstanceOfSatisfying(InvalidFieldException.class, e -> {
                        assertThat(e.field()).isEqualTo("sort");
                        assertThat(e.reason()).contains("amount, closeDate");
                    });
        }
    }
}
