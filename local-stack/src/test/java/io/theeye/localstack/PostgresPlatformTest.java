package io.theeye.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PostgresPlatformTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "Linux, amd64, LINUX_AMD64",
        "Linux, aarch64, LINUX_ARM64",
        "Mac OS X, x86_64, DARWIN_AMD64",
        "Mac OS X, aarch64, DARWIN_ARM64"
    })
    void choosesTheBinariesForTheJvmsOperatingSystemAndArchitecture(
            String osName, String osArch, PostgresPlatform expected) {
        assertThat(PostgresPlatform.of(osName, osArch)).isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(PostgresPlatform.class)
    void bringsTheBinariesOfEverySupportedPlatform(PostgresPlatform platform) throws Exception {
        try (InputStream bundle = platform.getPgBinary("ignored", "ignored")) {
            assertThat(bundle.read()).isNotNegative();
        }
    }

    @Test
    void refusesAnUnsupportedPlatformNamingTheSupportedOnes() {
        assertThatThrownBy(() -> PostgresPlatform.of("Windows 11", "amd64"))
                .hasMessage("no PostgreSQL binaries for Windows 11 on amd64; the local stack runs on "
                        + "linux-x86_64, linux-arm_64, darwin-x86_64, darwin-arm_64");
        assertThatThrownBy(() -> PostgresPlatform.of("Linux", "s390x")).hasMessageContaining("s390x");
    }

    @Test
    void knowsThisMachine() {
        assertThat(PostgresPlatform.current()).isNotNull();
    }
}
