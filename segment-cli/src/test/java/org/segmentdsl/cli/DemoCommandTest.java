package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.examples.DemoData;
import org.segmentdsl.examples.Example;
import org.segmentdsl.examples.Examples;

class DemoCommandTest {
  @Test
  void demoPrintsEveryExampleWithItsCountAndExplainTree() {
    CliRun run = CliRun.of("demo", "--contacts", "5000");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    for (Example e : Examples.all()) {
      assertThat(run.out()).contains(e.segment().name() + " (" + e.segment().id() + "): ");
    }
    assertThat(run.out()).contains("  checked: a plain Java filter over the 5,000 contacts finds ")
        .containsPattern(" contacts in [\\d,]+ µs \\(median of 5\\)\n");
    assertThat(run.out()).contains("Generated 5,000 contacts").contains("total: ")
        .contains("\n  deal: ").containsPattern("field \"stage\" eq \"Qualified\": \\d+ deals");
  }

  @Test
  void theDemoDataWrittenAsAFolderGivesTheDemosCounts(@TempDir Path tmp) {
    Path dir = tmp.resolve("demo-data");
    CliRun write = CliRun.of("demo", "--contacts", "2000", "--write", dir.toString());
    assertThat(write.status()).as(write.err()).isZero();
    assertThat(write.out()).contains("Wrote the dataset folder " + dir);
    CliRun demo = CliRun.of("demo", "--contacts", "2000");
    for (Example e : Examples.all()) {
      CliRun count = CliRun.of("eval", "--data", dir.toString(), "--segment",
          Path.of("../examples/segments", e.segment().id() + ".json").toString(), "--now",
          DemoData.NOW.toString(), "--zone", DemoData.CONTEXT.zone().getId(), "--output", "count");
      assertThat(count.status()).as(count.err()).isZero();
      assertThat(demo.out()).as(e.segment().id())
          .contains(e.segment().name() + " (" + e.segment().id() + "): " + String.format(
              java.util.Locale.ROOT, "%,d", Long.parseLong(count.out().strip())) + " contacts");
    }
    CliRun again = CliRun.of("demo", "--contacts", "2000", "--write", dir.toString());
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).startsWith("error: " + dir + ": cannot write");
  }

  @Test
  void usageErrorsExitWithTwoAndNoStackTrace() {
    CliRun unknown = CliRun.of("frobnicate");
    assertThat(unknown.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(unknown.err()).startsWith("error: ").doesNotContain("\tat ");
    assertThat(unknown.out()).isEmpty();

    CliRun none = CliRun.of();
    assertThat(none.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(none.err()).startsWith("error: a command is required");

    CliRun missing = CliRun.of("eval", "--data", "somewhere");
    assertThat(missing.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(missing.err()).startsWith("error: Missing required argument");

    CliRun badNumber = CliRun.of("demo", "--contacts", "many");
    assertThat(badNumber.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(badNumber.err()).startsWith("error: ").contains("--contacts");
  }

  @Test
  void anOutOfRangeContactCountIsAUsageError() {
    CliRun run = CliRun.of("demo", "--contacts", "5");
    assertThat(run.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(run.err()).startsWith("error: --contacts: expected 1000 to 20000000, got 5"
        + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anOptionGivenTwiceNamesTheOption() {
    CliRun explain = CliRun.of("explain", "--data", "d", "--segment", "a", "--segment", "b");
    assertThat(explain.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(explain.err()).startsWith("error: option '--segment' should be specified only "
        + "once (explain takes one segment)" + System.lineSeparator());

    CliRun data = CliRun.of("eval", "--data", "d", "--data=e", "--segment", "a");
    assertThat(data.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(data.err()).startsWith("error: option '--data' should be specified only once"
        + System.lineSeparator());

    CliRun json = CliRun.of("eval", "--data", "d", "--json", "{}", "--json", "{}");
    assertThat(json.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(json.err()).startsWith("error: option '--json' should be specified only once"
        + System.lineSeparator());
  }
}
