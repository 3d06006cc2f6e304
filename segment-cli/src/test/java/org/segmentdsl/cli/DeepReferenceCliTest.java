package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval}, {@code explain}, {@code validate} and {@code replay} of a segment that references
 * the first of 64 saved segments chained by reference, each 32 levels deep: the longest chain
 * the format allows (segment-format.md section 4), so every command succeeds. Each run is on a
 * thread with a small stack, so that depth adding up across references would overflow it.
 */
class DeepReferenceCliTest {
  private static final int CHAIN = 64;

  @TempDir
  Path dir;

  Path data;
  Path top;

  /**
   * Contacts {@code a} (lead), {@code b} (lead, customer), {@code c} (engaged); saved segments
   * {@code s0 .. s63}, each 32 levels deep around a reference to the next (the last around {@code
   * tag "lead"}), each keeping the leads that are not customers; {@code top.json} references
   * {@code s0}. Written as text, so that the test depends on no writer.
   */
  @BeforeEach
  void dataset() throws IOException {
    data = dir.resolve("data");
    Files.createDirectories(data.resolve("segments"));
    Files.writeString(data.resolve("schema.json"), "{}");
    Files.writeString(data.resolve("contacts.jsonl"), """
        {"id": "a", "tags": ["lead"]}
        {"id": "b", "tags": ["lead", "customer"]}
        {"id": "c", "tags": ["engaged"]}
        """);
    // 8 times: not, not, all [lead, not customer, ...], any [nobody, ...]
    String open = "{\"not\": {\"not\": {\"all\": [{\"tag\": \"lead\"}, {\"not\": {\"tag\": "
        + "\"customer\"}}, {\"any\": [{\"tag\": \"nobody\"}, ";
    String close = "]}]}}}";
    for (int i = 0; i < CHAIN; i++) {
      String inner = i == CHAIN - 1 ? "{\"tag\": \"lead\"}" : "{\"segment\": \"s" + (i + 1) + "\"}";
      Files.writeString(data.resolve("segments/s" + i + ".json"), "{\"format\": \"segment/v1\", "
          + "\"id\": \"s" + i + "\", \"where\": " + open.repeat(8) + inner + close.repeat(8) + "}");
    }
    top = dir.resolve("top.json");
    Files.writeString(top, "{\"format\": \"segment/v1\", \"where\": {\"segment\": \"s0\"}}");
  }

  /** The run, on a thread with a 256 KiB stack. */
  private static CliRun onSmallStack(Callable<CliRun> run) throws Exception {
    FutureTask<CliRun> task = new FutureTask<>(run);
    new Thread(null, task, "small-stack", 256 * 1024).start();
    return task.get(120, TimeUnit.SECONDS);
  }

  @Test
  void evalPrintsTheMembers() throws Exception {
    CliRun run = onSmallStack(() -> CliRun.of("eval", "--data", data.toString(), "--segment",
        top.toString(), "--now", "2026-03-01T00:00:00Z"));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("a\n");
  }

  @Test
  void explainPrintsTheTreeWithEveryReferencedSegment() throws Exception {
    CliRun run = onSmallStack(() -> CliRun.of("explain", "--data", data.toString(), "--segment",
        top.toString(), "--now", "2026-03-01T00:00:00Z"));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("segment \"s0\": 1\n").endsWith("total: 1\n")
        .contains("\n" + "  ".repeat(33 * (CHAIN - 1)) + "segment \"s" + (CHAIN - 1) + "\": 1\n");
  }

  @Test
  void validateAcceptsTheFiles() throws Exception {
    Path s0 = data.resolve("segments/s0.json");
    CliRun run = onSmallStack(() -> CliRun.of("validate", "--data", data.toString(),
        top.toString(), s0.toString()));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(top + ": ok\n" + s0 + ": ok\n");
  }

  @Test
  void replayFollowsTheMembers() throws Exception {
    Path changes = dir.resolve("changes.jsonl");
    Files.writeString(changes, """
        {"op":"addTag","id":"c","tag":"lead"}
        {"op":"addTag","id":"a","tag":"customer"}
        """);
    CliRun run = onSmallStack(() -> CliRun.of("replay", "--data", data.toString(), "--changes",
        changes.toString(), "--segment", top.toString(), "--now", "2026-03-01T00:00:00Z"));
    assertThat(run.status()).as(run.err()).isZero();
    String key = Json.string(top.toString());
    assertThat(run.out()).isEqualTo(""
        + "{\"line\":1,\"segment\":" + key + ",\"entered\":[\"c\"],\"exited\":[]}\n"
        + "{\"line\":2,\"segment\":" + key + ",\"entered\":[],\"exited\":[\"a\"]}\n"
        + "{\"segment\":" + key + ",\"count\":1}\n");
  }
}
