package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/segment replay} on a small dataset: the exact output lines, rejected lines and the
 * exit status, standard input, and the usage and input errors.
 */
class ReplayCommandTest {
  @TempDir
  Path dir;

  Path data;
  Path leads;
  Path recent;

  @BeforeEach
  void dataset() throws IOException {
    data = dir.resolve("data");
    write("data/schema.json", """
        {"contact": {"fields": {"country": "string", "score": "number", "seen": "datetime"}}}
        """);
    write("data/contacts.jsonl", """
        {"id": "c-1", "tags": ["lead"], "fields": {"country": "US"}}
        {"id": "c-2", "fields": {"country": "DE", "seen": "2026-03-01T00:00:00Z"}}
        {"id": "c-3", "tags": ["lead"], "fields": {"seen": "2026-02-20T00:00:00Z"}}
        """);
    write("data/segments/us.json", """
        {"format": "segment/v1", "id": "us", "where": {"field": "country", "op": "eq", "value": "US"}}
        """);
    leads = write("live/leads.json", """
        {"format": "segment/v1", "id": "us-leads", "where": {"all": [{"tag": "lead"}, {"segment": "us"}]}}
        """);
    recent = write("live/recent.json", """
        {"format": "segment/v1", "where": {"field": "seen", "op": "inLast", "value": "P7D"}}
        """);
  }

  private Path write(String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  private CliRun replay(String changes, String... more) throws IOException {
    return replay("--data", data, changes, more);
  }

  /** A replay on the dataset folder ({@code --data}) or on a snapshot file ({@code --snapshot}). */
  private CliRun replay(String input, Path source, String changes, String... more)
      throws IOException {
    Path file = write("changes.jsonl", changes);
    List<String> args = new ArrayList<>(List.of("replay", input, source.toString(),
        "--changes", file.toString(), "--segment", leads.toString(), "--segment",
        recent.toString(), "--now", "2026-03-02T00:00:00Z"));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void printsEachStepsChangesInSegmentOrderThenTheCounts() throws IOException {
    CliRun run = replay("""
        {"op":"addTag","id":"c-1","tag":"x"}
        {"op":"batch","changes":[{"op":"setField","id":"c-3","field":"country","value":"US"},{"op":"setField","id":"c-2","field":"seen","value":null}]}

        {"op":"tick","now":"2026-03-05T00:00:00Z"}
        {"op":"upsertContact","contact":{"id":"c-4","tags":["lead"],"fields":{"country":"US","seen":"2026-03-04T12:00:00+01:00"}}}
        {"op":"removeContact","id":"c-1"}
        """);
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    String recentKey = recent.toString(); // no id: the path as given
    assertThat(run.out()).isEqualTo(""
        + "{\"line\":2,\"segment\":\"us-leads\",\"entered\":[\"c-3\"],\"exited\":[]}\n"
        + "{\"line\":2,\"segment\":" + Json.string(recentKey)
        + ",\"entered\":[],\"exited\":[\"c-2\"]}\n"
        + "{\"line\":5,\"segment\":\"us-leads\",\"entered\":[\"c-4\"],\"exited\":[]}\n"
        + "{\"line\":5,\"segment\":" + Json.string(recentKey)
        + ",\"entered\":[\"c-4\"],\"exited\":[]}\n"
        + "{\"line\":6,\"segment\":\"us-leads\",\"entered\":[],\"exited\":[\"c-1\"]}\n"
        + "{\"segment\":\"us-leads\",\"count\":2}\n"
        + "{\"segment\":" + Json.string(recentKey) + ",\"count\":1}\n");
  }

  @Test
  void aTickReportsWhatTimeAloneChanged() throws IOException {
    CliRun run = replay("""
        {"op":"tick","now":"2026-03-02T00:00:00Z"}
        {"op":"tick","now":"2026-03-10T12:00:00Z"}
        """);
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("{\"line\":2,\"segment\":" + Json.string(recent.toString())
        + ",\"entered\":[],\"exited\":[\"c-2\"]}\n");
  }

  @Test
  void rejectedLinesAreReportedAndSkippedAndTheExitStatusIsOne() throws IOException {
    CliRun run = replay("""
        {"op":"tick","now":"2026-03-01T00:00:00Z"}
        {"op":"batch","changes":[{"op":"setField","id":"c-3","field":"country","value":"US"},{"op":"addTag","id":"c-9","tag":"x"}]}
        {"op":"setField","id":"c-3","field":"country","value":7}
        not json
        {"op":"setField","id":"c-3","field":"country","value":"US"}
        """);
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    String file = dir.resolve("changes.jsonl").toString();
    List<String> errors = run.err().lines().toList();
    assertThat(errors).hasSize(4);
    assertThat(errors.get(0)).startsWith("error: " + file + ":1: /now: op \"tick\": time cannot "
        + "go backwards");
    assertThat(errors.get(1)).isEqualTo("error: " + file + ":2: /changes/1/id: op \"addTag\": "
        + "no such contact \"c-9\"");
    assertThat(errors.get(2)).isEqualTo("error: " + file
        + ":3: /value: op \"setField\": field \"country\" expects a string, got 7");
    assertThat(errors.get(3)).startsWith("error: " + file + ":4: malformed JSON: ");
    // the batch of line 2 was dropped whole: c-3 enters only at line 5
    assertThat(run.out()).startsWith(
        "{\"line\":5,\"segment\":\"us-leads\",\"entered\":[\"c-3\"],\"exited\":[]}\n");
  }

  @Test
  void badNamesAndAnEmptyPropertyNameAreRejectedAtTheirLine() throws IOException {
    CliRun run = replay("""
        {"op":"event","event":{"contact":"c-1","type":"click","at":"2026-03-01T00:00:00Z","props":{"":1}}}
        {"op":"addTag","id":"c-1","tag":"a\\nb"}
        {"op":"upsertContact","contact":{"id":"c1\\nc2","tags":["lead"]}}
        {"op":"addTag","id":"c-3","tag":"x"}
        """);
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    String file = dir.resolve("changes.jsonl").toString();
    assertThat(run.err().lines()).containsExactly(
        "error: " + file + ":1: /event/props/: op \"event\": prop names must be non-empty",
        "error: " + file + ":2: /tag: op \"addTag\": tag \"a\\nb\" contains a control "
            + "character (U+000A)",
        "error: " + file + ":3: /contact/id: op \"upsertContact\": contact id \"c1\\nc2\" "
            + "contains a control character (U+000A)");
    assertThat(run.out()).doesNotContain("c1").doesNotContain("internal error");
  }

  @Test
  void eachRefusedChangeNamesItsLineTheMemberAtFaultAndItsOp() throws IOException {
    CliRun run = replay("""
        {"op":"setList","id":"c-9","list":"news","status":"subscribed"}
        {"op":"addTag","id":"c-9","tag":"x"}
        {"op":"removeTag","id":"c-9","tag":"x"}
        {"op":"setField","id":"c-9","field":"score","value":null}
        {"op":"event","event":{"contact":"c-9","type":"click","at":"2026-03-01T00:00:00Z"}}
        {"op":"setAccount","id":"c-1","account":"a-9"}
        {"op":"upsertContact","contact":{"id":"c-5","account":"a-9"}}
        {"op":"upsertDeal","deal":{"id":"d-1","contact":"c-9"}}
        {"op":"setField","id":"c-1","field":"score","value":"12a"}
        {"op":"addTag","id":"c-1","tag":"a\\tb"}
        {"op":"batch","changes":[{"op":"removeContact","id":"c-2"},{"op":"setField","id":"c-2","field":"country","value":"US"}]}
        {"op":"tick","now":"2026-03-01T00:00:00Z"}
        """);
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    String file = dir.resolve("changes.jsonl") + ":";
    assertThat(run.err().lines()).containsExactly(
        "error: " + file + "1: /id: op \"setList\": no such contact \"c-9\"",
        "error: " + file + "2: /id: op \"addTag\": no such contact \"c-9\"",
        "error: " + file + "3: /id: op \"removeTag\": no such contact \"c-9\"",
        "error: " + file + "4: /id: op \"setField\": no such contact \"c-9\"",
        "error: " + file + "5: /event/contact: op \"event\": no such contact \"c-9\"",
        "error: " + file + "6: /account: op \"setAccount\": no such account \"a-9\"",
        "error: " + file + "7: /contact/account: op \"upsertContact\": no such account \"a-9\"",
        "error: " + file + "8: /deal/contact: op \"upsertDeal\": no such contact \"c-9\"",
        "error: " + file + "9: /value: op \"setField\": field \"score\" expects a number, "
            + "got \"12a\"",
        "error: " + file + "10: /tag: op \"addTag\": tag \"a\\tb\" contains a control "
            + "character (U+0009)",
        "error: " + file + "11: /changes/1/id: op \"setField\": no such contact \"c-2\"",
        "error: " + file + "12: /now: op \"tick\": time cannot go backwards: now is "
            + "2026-03-02T00:00:00Z, the tick is at 2026-03-01T00:00:00Z");
    assertThat(run.out()).isEqualTo("{\"segment\":\"us-leads\",\"count\":1}\n"
        + "{\"segment\":" + Json.string(recent.toString()) + ",\"count\":1}\n");
  }

  @Test
  void idsAreSortedByUtf16CodeUnits() throws IOException {
    write("live/all.json", "{\"format\": \"segment/v1\", \"id\": \"all\", "
        + "\"where\": {\"tag\": \"new\"}}");
    Path file = write("changes.jsonl", "{\"op\":\"batch\",\"changes\":["
        + "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"n-\uff21\",\"tags\":[\"new\"]}},"
        + "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"n-\ud83d\ude00\",\"tags\":[\"new\"]}},"
        + "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"n-z\",\"tags\":[\"new\"]}},"
        + "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"N-1\",\"tags\":[\"new\"]}}]}\n");
    CliRun run = CliRun.of("replay", "--data", data.toString(), "--changes", file.toString(),
        "--segment", dir.resolve("live/all.json").toString(), "--now", "2026-03-02T00:00:00Z");
    assertThat(run.status()).as(run.err()).isZero();
    // U+1F600 is the surrogate pair D83D DE00, before U+FF21 in UTF-16 (not in code points)
    assertThat(run.out().lines().findFirst().orElseThrow()).isEqualTo("{\"line\":1,"
        + "\"segment\":\"all\",\"entered\":[\"N-1\",\"n-z\",\"n-\ud83d\ude00\",\"n-\uff21\"],"
        + "\"exited\":[]}");
  }

  @Test
  void changesFromStandardInputAreNamedDash() throws IOException {
    byte[] input = """
        {"op":"addTag","id":"c-3","tag":"x"}
        {"op":"setField","id":"c-3","field":"country","value":"US"}
        {"op":"nope"}
        """.getBytes(StandardCharsets.UTF_8);
    CliRun run = CliRun.withInput(input, "replay", "--data", data.toString(), "--changes", "-",
        "--segment", leads.toString(), "--now", "2026-03-02T00:00:00Z", "--zone",
        "Europe/Paris");
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEqualTo(""
        + "{\"line\":2,\"segment\":\"us-leads\",\"entered\":[\"c-3\"],\"exited\":[]}\n"
        + "{\"segment\":\"us-leads\",\"count\":2}\n");
    assertThat(run.err()).startsWith("error: -:3: /op: unknown op \"nope\"");
  }

  @Test
  void anEmptyStreamPrintsTheCounts() throws IOException {
    CliRun run = replay("\n\n");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("{\"segment\":\"us-leads\",\"count\":1}\n"
        + "{\"segment\":" + Json.string(recent.toString()) + ",\"count\":1}\n");
  }

  // --- usage errors: exit 2 ---

  @Test
  void twoSegmentsWithOneKeyAreAUsageError() throws IOException {
    Path copy = write("live/copy.json", Files.readString(leads));
    CliRun run = replay("", "--segment", copy.toString());
    assertThat(run.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: --segment: ").contains("\"us-leads\"");

    CliRun twice = replay("", "--segment", recent.toString());
    assertThat(twice.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(twice.out()).isEmpty();
    assertThat(twice.err()).contains(recent.toString());
  }

  @Test
  void changesAndASegmentAreRequired() throws IOException {
    CliRun noChanges = CliRun.of("replay", "--data", data.toString(), "--segment",
        leads.toString());
    assertThat(noChanges.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(noChanges.out()).isEmpty();
    assertThat(noChanges.err()).startsWith("error: ").contains("--changes");

    Path file = write("changes.jsonl", "");
    CliRun noSegment = CliRun.of("replay", "--data", data.toString(), "--changes",
        file.toString());
    assertThat(noSegment.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(noSegment.err()).contains("--segment");

    CliRun noData = CliRun.of("replay", "--changes", file.toString(), "--segment",
        leads.toString());
    assertThat(noData.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(noData.err()).contains("--data");
  }

  @Test
  void badNowOrZoneAreUsageErrors() throws IOException {
    assertThat(replay("", "--now", "yesterday").status()).isEqualTo(SegmentCli.USAGE);
    assertThat(replay("", "--zone", "Mars/Olympus").status()).isEqualTo(SegmentCli.USAGE);
  }

  @Test
  void nowOutsideTheFormatsRangeIsAUsageErrorAndLowerCaseTAndZAreAccepted() {
    for (String far : List.of("+999999999-12-31T23:59:59Z", "+290001-01-01T00:00:00Z",
        "-290001-12-31T23:59:59Z")) {
      CliRun run = evalAt(far);
      assertThat(run.status()).as(far).isEqualTo(SegmentCli.USAGE);
      assertThat(run.err()).as(far).startsWith("error: ").contains("-290000-01-01 to "
          + "+290000-12-31").doesNotContain("\tat ").doesNotContain("internal error");
      assertThat(run.out()).isEmpty();
    }
    for (String near : List.of("+290000-12-31T23:59:59Z", "-290000-01-01T00:00:00Z",
        "2026-11-28t09:30:00z")) {
      CliRun run = evalAt(near);
      assertThat(run.status()).as(near + ": " + run.err()).isZero();
      assertThat(run.out()).isEqualTo("0\n");
    }
  }

  /** Counts a segment no contact matches, at {@code now}. */
  private CliRun evalAt(String now) {
    return CliRun.of("eval", "--data", data.toString(), "--json",
        "{\"format\":\"segment/v1\",\"where\":{\"tag\":\"no-such-tag\"}}", "--now", now,
        "--output", "count");
  }

  // --- snapshot files: --save, and --snapshot in place of --data ---

  @Test
  void saveWritesTheFinalStateAlsoWhenLinesWereRejected() throws IOException {
    Path saved = dir.resolve("saved.snapshot");
    CliRun run = replay("""
        {"op":"upsertContact","contact":{"id":"c-4","tags":["lead"],"fields":{"country":"US"}}}
        not json
        {"op":"removeContact","id":"c-1"}
        {"op":"upsertContact","contact":{"id":"c-1","fields":{"country":"US"}}}
        """, "--save", saved.toString());
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.err()).startsWith("error: " + dir.resolve("changes.jsonl") + ":2: ");
    assertThat(run.out()).endsWith("{\"segment\":\"us-leads\",\"count\":1}\n"
        + "{\"segment\":" + Json.string(recent.toString()) + ",\"count\":1}\n");

    // the dataset's saved segment "us" came along; c-1, removed and added again, keeps its place
    CliRun us = CliRun.of("eval", "--snapshot", saved.toString(), "--json",
        "{\"format\": \"segment/v1\", \"where\": {\"segment\": \"us\"}}");
    assertThat(us.err()).isEmpty();
    assertThat(us.status()).isZero();
    assertThat(us.out()).isEqualTo("c-1\nc-4\n");
    CliRun leadsNow = CliRun.of("eval", "--snapshot", saved.toString(), "--segment",
        leads.toString());
    assertThat(leadsNow.out()).isEqualTo("c-4\n");
  }

  @Test
  void aReplayOnASnapshotPrintsWhatItPrintsOnTheDatasetAndSavesTheSameState()
      throws IOException {
    Path snapshot = dir.resolve("data.snapshot");
    CliRun saved = CliRun.of("snapshot", "--data", data.toString(), "--out", snapshot.toString());
    assertThat(saved.status()).as(saved.err()).isZero();
    String changes = """
        {"op":"batch","changes":[{"op":"setField","id":"c-3","field":"country","value":"US"},{"op":"setField","id":"c-2","field":"seen","value":null}]}
        {"op":"tick","now":"2026-03-05T00:00:00Z"}
        {"op":"upsertContact","contact":{"id":"c-4","tags":["lead"],"fields":{"country":"US","seen":"2026-03-04T12:00:00+01:00"}}}
        {"op":"removeContact","id":"c-1"}
        """;
    Path fromData = dir.resolve("from-data.snapshot");
    Path fromSnapshot = dir.resolve("from-snapshot.snapshot");
    CliRun byData = replay("--data", data, changes, "--save", fromData.toString());
    assertThat(byData.status()).as(byData.err()).isZero();
    assertThat(replay("--snapshot", snapshot, changes, "--save", fromSnapshot.toString()))
        .isEqualTo(byData);
    // the same final state: every contact, in the same order, and the same counts
    String everyone = "{\"format\": \"segment/v1\", \"where\": {\"not\": {\"tag\": \"none\"}}}";
    CliRun all = CliRun.of("eval", "--snapshot", fromData.toString(), "--json", everyone);
    assertThat(all.out()).isEqualTo("c-2\nc-3\nc-4\n");
    assertThat(CliRun.of("eval", "--snapshot", fromSnapshot.toString(), "--json", everyone))
        .isEqualTo(all);
    assertThat(replay("--snapshot", fromSnapshot, ""))
        .isEqualTo(replay("--snapshot", fromData, ""));
  }

  @Test
  void saveToAMissingFolderIsRefusedBeforeAnythingIsDone() {
    // refused before the (here missing) dataset is read, not after a long replay
    Path file = dir.resolve("nowhere/out.snapshot");
    CliRun run = CliRun.of("replay", "--data", dir.resolve("nowhere").toString(), "--changes",
        "-", "--segment", leads.toString(), "--save", file.toString());
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: " + file + ": cannot write: ")
        .doesNotContain("Exception");
    assertThat(file).doesNotExist();
  }

  // --- input that cannot be loaded: exit 1, nothing on standard output ---

  @Test
  void anUnloadableSegmentIsExitOneWithNothingOnStandardOutput() throws IOException {
    Path bad = write("live/bad.json", "{\"format\": \"segment/v1\", "
        + "\"where\": {\"field\": \"colour\", \"op\": \"eq\", \"value\": \"red\"}}");
    CliRun run = replay("{\"op\":\"addTag\",\"id\":\"c-1\",\"tag\":\"x\"}\n", "--segment",
        bad.toString());
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: " + bad + ": /where/field: ")
        .doesNotContain("Exception");

    CliRun missing = replay("", "--segment", dir.resolve("live/none.json").toString());
    assertThat(missing.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(missing.out()).isEmpty();
    assertThat(missing.err()).isEqualTo("error: " + dir.resolve("live/none.json")
        + ": no such file\n");

    Path unknownRef = write("live/ref.json", "{\"format\": \"segment/v1\", "
        + "\"where\": {\"segment\": \"nope\"}}");
    CliRun ref = replay("", "--segment", unknownRef.toString());
    assertThat(ref.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(ref.out()).isEmpty();
    assertThat(ref.err()).startsWith("error: " + unknownRef + ": ");
  }

  @Test
  void anUnloadableDatasetIsExitOneWithNothingOnStandardOutput() throws IOException {
    Files.writeString(data.resolve("contacts.jsonl"), "{\"id\": \"c-1\", \"size\": 1}\n");
    CliRun run = replay("");
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: " + data.resolve("contacts.jsonl") + ":1: ");
  }

  @Test
  void aMissingChangesFileIsExitOneWithNothingOnStandardOutput() {
    Path none = dir.resolve("none.jsonl");
    CliRun run = CliRun.of("replay", "--data", data.toString(), "--changes", none.toString(),
        "--segment", leads.toString());
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: " + none + ": no such file\n");

    CliRun folder = CliRun.of("replay", "--data", data.toString(), "--changes", dir.toString(),
        "--segment", leads.toString());
    assertThat(folder.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(folder.out()).isEmpty();
    assertThat(folder.err()).isEqualTo("error: " + dir + ": cannot read: is a directory\n");
  }
}
