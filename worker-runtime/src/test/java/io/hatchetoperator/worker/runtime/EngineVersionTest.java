package io.hatchetoperator.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GetVersion gate for slot_config. */
class EngineVersionTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"v0.78.23,true", "v0.78.22,false", "v0.101.27,true", "0.80.0,true", "v1.0.0-rc1,true",
      "v0.9.99,false"})
  void gatesSlotConfigOnV0_78_23(String version, boolean slotConfig) {
    assertThat(EngineVersion.parse(version).supportsSlotConfig()).isEqualTo(slotConfig);
  }

  @ParameterizedTest
  @CsvSource({"1", "latest", "''"})
  void rejectsWhatIsNotSemver(String version) {
    assertThat(EngineVersion.parse(version)).isNull();
  }
}
