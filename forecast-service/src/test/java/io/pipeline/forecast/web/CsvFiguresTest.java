package io.pipeline.forecast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class CsvFiguresTest {

    @Test
    void everyValueIsARowNamedByItsPathWithRfc4180Quoting() {
        Map<String, Object> basis = new LinkedHashMap<>();
        basis.put("period", "FY2026-Q4");
        basis.put("scope", "team:a,b");
        basis.put("asOf", "2026-11-02T00:00:00Z");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("basis", basis);
        answer.put("coverage", Map.of("ratio", "2.50"));
        answer.put("deals", List.of(Map.of("name", "Acme \"platform\""), Map.of("name", "Initech")));
        answer.put("reason", null);
        answer.put("notes", Arrays.asList("line\nbreak"));

        String csv = CsvFigures.write(JsonMapper.builder().build(), "coverage", answer);

        assertThat(csv).isEqualTo("""
                figure,period,scope,as_of,metric,value
                coverage,FY2026-Q4,"team:a,b",2026-11-02T00:00:00Z,coverage.ratio,2.50
                coverage,FY2026-Q4,"team:a,b",2026-11-02T00:00:00Z,deals.0.name,"Acme ""platform\"\"\"
                coverage,FY2026-Q4,"team:a,b",2026-11-02T00:00:00Z,deals.1.name,Initech
                coverage,FY2026-Q4,"team:a,b",2026-11-02T00:00:00Z,reason,
                coverage,FY2026-Q4,"team:a,b",2026-11-02T00:00:00Z,notes.0,"line
                break"
                """);
    }
}
