package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line's own usage: version, unknown commands, bad option values. */
class CliUsageTest {
  @Test
  void versionIsTheBuildsVersion() {
    // the POM passes its version to the tests; the jar carries it in version.properties
    String expected = System.getProperty("segmentdsl.version");
    assertThat(expected).as("segmentdsl.version from the POM").isNotBlank();
    CliRun run = CliRun.of("--version");
    assertThat(run.status()).isEqualTo(SegmentCli.OK);
    assertThat(run.out()).isEqualTo("segment " + expected + System.lineSeparator());
  }

  @Test
  void anUnknownCommandIsNamedWithTheCommandsThereAre() {
    CliRun run = CliRun.of("frob", "--data", "x");
    assertThat(run.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: unknown command 'frob'; the commands are demo, eval,")
        .contains("replay").contains("snapshot").doesNotContain("index 0");
  }

  @Test
  void anUnknownOptionIsStillAnUnknownOption() {
    CliRun run = CliRun.of("--frob");
    assertThat(run.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(run.err()).startsWith("error: Unknown option: '--frob'");
  }
}
