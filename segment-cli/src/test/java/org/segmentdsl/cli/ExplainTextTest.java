package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain}'s text output has one node a line whatever a label (any characters, up to 200)
 * or a name or value in the segment holds: they are escaped as JSON escapes strings, so that a
 * label with a line break cannot add a fake node or a fake total.
 */
class ExplainTextTest {
  @TempDir
  Path dir;

  @Test
  void labelsAndValuesWithLineBreaksStayOnTheirNodesLine() throws IOException {
    Files.writeString(dir.resolve("schema.json"),
        "{\"contact\": {\"fields\": {\"country\": \"string\"}}}");
    Files.writeString(dir.resolve("contacts.jsonl"),
        "{\"id\": \"c-1\", \"tags\": [\"vip\"], \"fields\": {\"country\": \"US\"}}\n");
    String segment = "{\"format\": \"segment/v1\", \"where\": {\"any\": ["
        + "{\"tag\": \"vip\", \"label\": \"VIP\\n  tag \\\"x\\\": 1000\\ntotal: 1000\"},"
        + "{\"field\": \"country\", \"op\": \"eq\", \"value\": \"a\\\\b\\u0007\"}],"
        + "\"label\": \"bell\\u0007 back\\\\slash\"}}";

    CliRun run = CliRun.of("explain", "--data", dir.toString(), "--json", segment,
        "--now", "2026-03-01T00:00:00Z");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("""
        any [bell\\u0007 back\\\\slash]: 1
          tag "vip" [VIP\\n  tag "x": 1000\\ntotal: 1000]: 1
          field "country" eq "a\\\\b\\u0007": 0
        total: 1
        """);
  }
}
