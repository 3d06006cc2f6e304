package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code bin/segment lint} beyond the suite's cases: invalid files among valid ones. */
class LintCommandTest {
  static final Path SET = InsightConformanceTest.INSIGHT.resolve("set-900101");

  @Test
  void anInvalidFileIsAnErrorAfterTheOthersAreLinted() {
    String clean = SET.resolve("lint/clean-crm-leads.json").toString();
    String typo = SET.resolve("lint/unknown-tag-typo.json").toString();
    String invalid = SET.resolve("lint/args.json").toString();
    CliRun run = CliRun.of("lint", "--data", SET.resolve("data").toString(), clean, invalid,
        typo, "--now", "2028-02-29T03:00:00Z");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out().lines()).containsExactly(clean + ": ok", typo
        + ": /where/any/1: unknown-tag: no contact carries the tag \"sttus-lead\"; did you mean "
        + "\"status-lead\"?");
    assertThat(run.err()).startsWith("error: " + invalid + ": ").doesNotContain("Exception");
  }

  @Test
  void findingsAreNotErrors() {
    CliRun run = CliRun.of("lint", "--data", SET.resolve("data").toString(),
        SET.resolve("lint/empty.json").toString(), "--now", "2028-02-29T03:00:00Z");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains(": /where: empty: ");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void withoutFilesItIsAUsageError() {
    CliRun run = CliRun.of("lint", "--data", SET.resolve("data").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("FILE");
  }
}
