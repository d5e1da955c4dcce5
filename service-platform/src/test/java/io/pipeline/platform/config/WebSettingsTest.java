package io.pipeline.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class WebSettingsTest {

    private final WebSettings settings = new WebSettings(DataSize.ofMegabytes(1),
            List.of(new WebSettings.LargerBody("/api/imports", DataSize.ofMegabytes(512))));

    @Test
    void aLargerBodyPathAndThePathsBelowItTakeTheirOwnLimit() {
        assertThat(settings.maxBytesFor("/api/imports")).isEqualTo(DataSize.ofMegabytes(512).toBytes());
        assertThat(settings.maxBytesFor("/api/imports/42")).isEqualTo(DataSize.ofMegabytes(512).toBytes());
    }

    @Test
    void everyOtherPathKeepsTheGeneralLimitEvenWhenItMerelyStartsAlike() {
        assertThat(settings.maxBytesFor("/api/importsevil")).isEqualTo(DataSize.ofMegabytes(1).toBytes());
        assertThat(settings.maxBytesFor("/api/opportunities")).isEqualTo(DataSize.ofMegabytes(1).toBytes());
    }
}
