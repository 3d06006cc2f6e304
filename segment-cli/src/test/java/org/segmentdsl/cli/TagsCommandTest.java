package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/segment tags}: the audit of a tiny dataset's tags, as JSON lines and as text. */
class TagsCommandTest {
  private static final String JSON = """
      {"tag":"Interest-CRM","count":1,"findings":["case-variant of interest-crm","off-convention","unused"]}
      {"tag":"interest-crm","count":2,"findings":["case-variant of Interest-CRM"]}
      {"tag":"interest-email","count":1,"findings":["near-duplicate of interest-emial"]}
      {"tag":"interest-emial","count":1,"findings":["near-duplicate of interest-email"]}
      {"tag":"status-customer","count":1,"findings":["unused"]}
      {"tag":"status-lead","count":1,"findings":["unused"]}
      {"tag":"vip","count":1,"findings":["off-convention","unused"]}
      """;

  @TempDir
  Path dir;

  Path data;

  @BeforeEach
  void tinyDataset() throws IOException {
    data = dir.resolve("data");
    Files.createDirectories(data.resolve("segments"));
    Files.writeString(data.resolve("schema.json"), "{\"contact\": {\"fields\": {}}}");
    Files.writeString(data.resolve("contacts.jsonl"), """
        {"id": "c-1", "tags": ["interest-crm", "status-lead"]}
        {"id": "c-2", "tags": ["interest-crm", "Interest-CRM"]}
        {"id": "c-3", "tags": ["interest-emial", "vip"]}
        {"id": "c-4", "tags": ["interest-email", "status-customer"]}
        {"id": "c-5"}
        """);
    Files.writeString(data.resolve("segments/interests.json"), """
        {"format": "segment/v1", "id": "interests",
         "where": {"tag": "interest-", "op": "startsWith"}}
        """);
  }

  @Test
  void jsonIsALinePerTagSortedWithItsCountAndFindings() {
    CliRun run = CliRun.of("tags", "--data", data.toString(), "--output", "json");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo(JSON);
  }

  @Test
  void textIsTheDefault() {
    CliRun run = CliRun.of("tags", "--data", data.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("""
        Interest-CRM: 1 contact, case-variant of interest-crm, off-convention, unused
        interest-crm: 2 contacts, case-variant of Interest-CRM
        interest-email: 1 contact, near-duplicate of interest-emial
        interest-emial: 1 contact, near-duplicate of interest-email
        status-customer: 1 contact, unused
        status-lead: 1 contact, unused
        vip: 1 contact, off-convention, unused
        """);
    assertThat(CliRun.of("tags", "--data", data.toString(), "--output", "text"))
        .isEqualTo(run);
  }

  @Test
  void aSnapshotFileAuditsLikeItsDatasetFolder() {
    Path snapshot = dir.resolve("tiny.snapshot");
    CliRun saved = CliRun.of("snapshot", "--data", data.toString(), "--out", snapshot.toString());
    assertThat(saved.status()).as(saved.err()).isZero();

    CliRun run = CliRun.of("tags", "--snapshot", snapshot.toString(), "--output", "json");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(JSON);
  }

  @Test
  void withoutSavedSegmentsEveryTagIsUnused() throws IOException {
    Files.delete(data.resolve("segments/interests.json"));

    CliRun run = CliRun.of("tags", "--data", data.toString(), "--output", "json");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(7)
        .allSatisfy(line -> assertThat(line).endsWith("\"unused\"]}"));
  }

  @Test
  void anUnknownOutputIsAUsageError() {
    CliRun run = CliRun.of("tags", "--data", data.toString(), "--output", "csv");

    assertThat(run.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: ").contains("--output");
  }

  @Test
  void nowAndZoneAreAcceptedAndChangeNothing() {
    CliRun run = CliRun.of("tags", "--data", data.toString(), "--now", "2026-11-28T00:00:00Z",
        "--zone", "Europe/Paris");

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(CliRun.of("tags", "--data", data.toString()).out());
    assertThat(CliRun.of("tags", "--data", data.toString(), "--now", "yesterday").status())
        .isEqualTo(SegmentCli.USAGE);
  }

  @Test
  void theDataIsRequiredOnce() {
    assertThat(CliRun.of("tags").status()).isEqualTo(SegmentCli.USAGE);
    assertThat(CliRun.of("tags", "--data", data.toString(), "--snapshot", "x.snapshot").status())
        .isEqualTo(SegmentCli.USAGE);
  }

  @Test
  void aMissingDatasetFolderIsInvalidInput() {
    Path missing = dir.resolve("missing");

    CliRun run = CliRun.of("tags", "--data", missing.toString());

    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: " + missing + ": not a dataset folder\n");
  }
}
