package io.pipeline.platform.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipeline.platform.problem.InvalidFieldException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FiscalCalendarTest {

    @Test
    void aCalendarFiscalYearHasCalendarQuarters() {
        Period q4 = new FiscalCalendar(1).parse("period", "2026-Q4");

        assertThat(q4.start()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(q4.end()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(q4.id()).isEqualTo("FY2026-Q4");
    }

    @Test
    void aFebruaryFiscalYearIsNamedByTheYearItEndsIn() {
        FiscalCalendar february = new FiscalCalendar(2);

        Period q1 = february.parse("period", "FY2027-Q1");
        assertThat(q1.start()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(q1.end()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(february.quarterOf(LocalDate.of(2027, 1, 31)).id()).isEqualTo("FY2027-Q4");
        assertThat(february.quarterOf(LocalDate.of(2026, 2, 1)).id()).isEqualTo("FY2027-Q1");
        assertThat(february.monthOf(LocalDate.of(2026, 3, 15)).id()).isEqualTo("FY2027-M02");
    }

    @Test
    void aJulyFiscalMonthTwelveIsJune() {
        Period m12 = new FiscalCalendar(7).parse("period", "FY2026-M12");

        assertThat(m12.start()).isEqualTo(LocalDate.of(2026, 6, 1));
        assertThat(m12.end()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(m12.contains(LocalDate.of(2026, 6, 30))).isTrue();
        assertThat(m12.contains(LocalDate.of(2026, 7, 1))).isFalse();
    }

    @Test
    void nonsenseIsRefusedNamingTheField() {
        FiscalCalendar calendar = new FiscalCalendar(1);

        assertThatThrownBy(() -> calendar.parse("period", "2026-Q5")).isInstanceOf(InvalidFieldException.class)
                .hasMessageStartingWith("period:");
        assertThatThrownBy(() -> calendar.parse("period", "last quarter")).isInstanceOf(InvalidFieldException.class)
                .hasMessageContaining("FY2026-Q3");
    }
}
