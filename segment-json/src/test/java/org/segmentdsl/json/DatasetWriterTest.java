package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.tag;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.SnapshotFile;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.reference.RandomHistory;

/**
 * Dataset folders written from an index ({@link DatasetWriter}) load back ({@link DatasetLoader})
 * into an index that answers every segment as the original does, with the contacts in the same
 * order; written again, they are the same bytes, also through a snapshot file. Checked on every
 * conformance dataset and on random histories ({@link RandomHistory}: every field type and its
 * edge values, events, deals, accounts, removed and re-added contacts, saved segments).
 */
class DatasetWriterTest {
  static final int DEFAULT_HISTORIES = 12;
  static final int STEPS = 60;
  static final int CONDITIONS = 30;
  static final List<String> SETS = List.of("set1", "set2", "set3");

  @TempDir
  Path tmp;

  // ---------------------------------------------------------------- conformance datasets

  @TestFactory
  Stream<DynamicTest> everyConformanceDatasetWrittenAndLoadedGivesTheExpectedIds() {
    return SETS.stream().map(set -> DynamicTest.dynamicTest(set, () -> {
      Dataset original = ConformanceTest.dataset(set);
      Path dir = tmp.resolve(set);
      DatasetWriter.write(original.index(), original.segments(), dir);
      Dataset loaded = DatasetLoader.load(dir);
      assertThat(loaded.schema()).isEqualTo(original.schema());
      assertThat(loaded.segments()).isEqualTo(original.segments());
      assertThat(loaded.index().contactIds()).isEqualTo(original.index().contactIds());
      for (ConformanceTest.Expected e : ConformanceTest.expected(set)) {
        Segment segment = SegmentJson.read(ConformanceTest.root().resolve(set)
            .resolve(e.segment()), loaded.schema(), loaded.segments());
        EvaluationContext ctx = EvaluationContext.of(Instant.parse(e.now()), ZoneId.of(e.zone()))
            .withSegments(loaded.segments());
        SegmentResult result = loaded.index().evaluate(segment, ctx);
        assertThat(result.ids()).as("%s/%s", set, e.segment()).containsExactlyElementsOf(e.ids());
      }
      assertSameReadBack(original.index().snapshot(), loaded.index().snapshot(), () -> set);
      Path again = tmp.resolve(set + "-again");
      DatasetWriter.write(loaded.index(), loaded.segments(), again);
      assertSameFiles(dir, again, () -> set + ": written, loaded, written again");
      Path viaSnapshot = tmp.resolve(set + "-snapshot");
      SnapshotFile.Loaded restored = throughSnapshotFile(original.index(), original.segments());
      DatasetWriter.write(restored.index(), restored.segments(), viaSnapshot);
      assertSameFiles(dir, viaSnapshot, () -> set + ": saved to a snapshot file, loaded, written");
    }));
  }

  // ---------------------------------------------------------------- random histories

  @Test
  void randomHistoriesWrittenAndLoadedAnswerAsTheOriginal() throws IOException {
    long base = Seeds.base();
    int tries = Seeds.tries(DEFAULT_HISTORIES);
    Map<String, Integer> seen = new TreeMap<>();
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      RandomHistory h;
      try {
        h = RandomHistory.after(seed, STEPS);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ": " + e, e);
      }
      Supplier<String> where = () -> h.where() + "\n" + Seeds.replay("DatasetWriterTest", seed);
      try {
        roundTrip(h, Files.createDirectory(tmp.resolve("h" + t)), where);
      } catch (RuntimeException | IOException e) {
        throw new AssertionError(where.get() + "\nunexpected " + e, e);
      }
      IndexSnapshot s = h.index().snapshot();
      seen.merge("contacts", s.size(), Integer::sum);
      seen.merge("events", s.contactIds().stream().mapToInt(id -> s.events(id).size()).sum(),
          Integer::sum);
      seen.merge("deals", s.dealIds().size(), Integer::sum);
      seen.merge("accounts", s.accountIds().size(), Integer::sum);
      seen.merge("saved segments", h.segments().size(), Integer::sum);
    }
    if (tries >= DEFAULT_HISTORIES) {
      assertThat(seen).as("what the histories held").allSatisfy((what, n) -> assertThat(n)
          .as(what).isGreaterThan(tries));
    }
  }

  private static void roundTrip(RandomHistory h, Path dir, Supplier<String> where)
      throws IOException {
    ContactIndex original = h.index();
    DatasetWriter.write(original, h.segments(), dir.resolve("first"));
    Dataset loaded = DatasetLoader.load(dir.resolve("first"));
    assertEquals(h.schema(), loaded.schema(), where);
    assertEquals(h.segments(), loaded.segments(), where);
    assertSameReadBack(original.snapshot(), loaded.index().snapshot(), where);
    for (int k = 0; k < CONDITIONS; k++) {
      Condition c = h.condition();
      EvaluationContext ctx = h.context();
      int n = k;
      assertEquals(answer(original, c, ctx), answer(loaded.index(), c,
          ctx.withSegments(loaded.segments())), () -> where.get() + "\ncondition " + n + ": "
          + c + "\ncontext: " + ctx.now() + " " + ctx.zone());
    }
    for (String id : h.segments().ids()) {
      Segment s = h.segments().get(id).orElseThrow();
      EvaluationContext ctx = h.context();
      assertEquals(answer(original, Segment.of(s.condition()), ctx), answer(loaded.index(),
          Segment.of(s.condition()), ctx.withSegments(loaded.segments())),
          () -> where.get() + "\nsaved segment " + id);
    }
    DatasetWriter.write(loaded.index(), loaded.segments(), dir.resolve("again"));
    assertSameFiles(dir.resolve("first"), dir.resolve("again"),
        () -> where.get() + "\nwritten, loaded, written again");
    SnapshotFile.Loaded restored = throughSnapshotFile(original, h.segments());
    DatasetWriter.write(restored.index(), restored.segments(), dir.resolve("snapshot"));
    assertSameFiles(dir.resolve("first"), dir.resolve("snapshot"),
        () -> where.get() + "\nsaved to a snapshot file, loaded, written");
  }

  /** The count and ordered ids of an evaluation, or its refusal. */
  private static String answer(ContactIndex index, Condition c, EvaluationContext ctx) {
    return answer(index, Segment.of(c), ctx);
  }

  private static String answer(ContactIndex index, Segment s, EvaluationContext ctx) {
    try {
      SegmentResult r = index.evaluate(s, ctx);
      return r.count() + " " + r.ids();
    } catch (InvalidSegmentException e) {
      return "refused: " + e.getMessage();
    }
  }

  private static SnapshotFile.Loaded throughSnapshotFile(ContactIndex index,
      SegmentRegistry segments) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFile.save(index, segments, out);
    return SnapshotFile.load(new ByteArrayInputStream(out.toByteArray()), "round trip");
  }

  /** Every contact, deal, account and event reads back the same, in the same order. */
  private static void assertSameReadBack(IndexSnapshot expected, IndexSnapshot actual,
      Supplier<String> where) {
    assertEquals(expected.contactIds(), actual.contactIds(), where);
    assertEquals(expected.dealIds(), actual.dealIds(), where);
    assertEquals(expected.accountIds(), actual.accountIds(), where);
    for (String id : expected.contactIds()) {
      assertEquals(expected.contact(id), actual.contact(id), where);
      assertEquals(expected.events(id), actual.events(id), where);
      assertEquals(expected.dealsOf(id), actual.dealsOf(id), where);
    }
    for (String id : expected.dealIds()) {
      assertEquals(expected.deal(id), actual.deal(id), where);
    }
    for (String id : expected.accountIds()) {
      assertEquals(expected.account(id), actual.account(id), where);
    }
  }

  /** Two folders hold the same files with the same bytes. */
  private static void assertSameFiles(Path expected, Path actual, Supplier<String> where)
      throws IOException {
    Map<String, String> a = files(expected);
    Map<String, String> b = files(actual);
    assertEquals(a.keySet(), b.keySet(), where);
    for (String name : a.keySet()) {
      assertEquals(a.get(name), b.get(name), () -> where.get() + "\nfile " + name);
    }
  }

  /** Each file under a folder, by relative path, as text (its bytes, decoded exactly). */
  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(p);
        // valid UTF-8, or this throws
        out.put(dir.relativize(p).toString(), StandardCharsets.UTF_8.newDecoder()
            .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- the format, by example

  static final Schema SHOP = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("signup_date", FieldType.DATE)
      .contactField("last_login", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("location", FieldType.GEO)
      .contactField("score", FieldType.NUMBER)
      .dealField("stage", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .accountField("industry", FieldType.STRING)
      .accountField("employees", FieldType.NUMBER)
      .build();

  private static ContactIndex shop() {
    ContactIndex index = ContactIndex.create(SHOP);
    index.update(b -> b
        .upsertAccount(Account.builder("globex").field("industry", "Retail").build())
        .upsertAccount(Account.builder("acme").field("industry", "SaaS").field("employees", 240)
            .build())
        .upsert(Contact.builder("c-1").tags("status-lead", "interest-crm")
            .list("newsletter", ListStatus.SUBSCRIBED).field("country", "US")
            .field("signup_date", LocalDate.of(2026, 10, 2)).field("vip", false)
            .field("score", 0.1).account("acme").build())
        .upsert(Contact.builder("c-2").tags("status-customer")
            .list("newsletter", ListStatus.UNSUBSCRIBED).field("country", "FR")
            .field("last_login", Instant.parse("2026-11-27T22:30:00.0000019Z"))
            .field("location", new GeoPoint(48.85, -0.0)).field("score", 1e300).build())
        .upsert(Contact.builder("c-3").field("country", "").field("vip", true)
            .account("globex").build())
        .upsertDeal(Deal.builder("d-1", "c-1").field("stage", "Qualified").field("value", 4200)
            .build())
        .record(Event.of("c-2", "purchase", Instant.parse("2026-11-25T14:00:00Z"),
            Map.of("amount", 99.5, "paid", true)))
        .record(Event.of("c-1", "email_click", Instant.parse("2026-11-20T14:03:00Z"),
            Map.of("url", "https://example.com/crm", "campaign", "crm-fall"))));
    return index;
  }

  @Test
  void theFilesHoldOneCanonicalObjectALine() throws IOException {
    Segment customers = Segment.builder().id("customers").name("Customers")
        .where(tag("status-customer")).build();
    Path dir = tmp.resolve("shop");
    DatasetWriter.write(shop(), SegmentRegistry.of(customers), dir);
    assertThat(Files.readString(dir.resolve("schema.json"))).isEqualTo("{\"contact\":{\"fields\":"
        + "{\"country\":\"string\",\"signup_date\":\"date\",\"last_login\":\"datetime\","
        + "\"vip\":\"boolean\",\"location\":\"geo\",\"score\":\"number\"}},\"deal\":{\"fields\":"
        + "{\"stage\":\"string\",\"value\":\"number\"}},\"account\":{\"fields\":"
        + "{\"industry\":\"string\",\"employees\":\"number\"}}}\n");
    assertThat(Files.readAllLines(dir.resolve("accounts.jsonl"))).containsExactly(
        "{\"id\":\"globex\",\"fields\":{\"industry\":\"Retail\"}}",
        "{\"id\":\"acme\",\"fields\":{\"industry\":\"SaaS\",\"employees\":240}}");
    assertThat(Files.readAllLines(dir.resolve("contacts.jsonl"))).containsExactly(
        "{\"id\":\"c-1\",\"tags\":[\"interest-crm\",\"status-lead\"],\"lists\":{\"newsletter\":"
            + "\"subscribed\"},\"fields\":{\"country\":\"US\",\"signup_date\":\"2026-10-02\","
            + "\"vip\":false,\"score\":0.1},\"account\":\"acme\"}",
        "{\"id\":\"c-2\",\"tags\":[\"status-customer\"],\"lists\":{\"newsletter\":"
            + "\"unsubscribed\"},\"fields\":{\"country\":\"FR\",\"last_login\":"
            + "\"2026-11-27T22:30:00.000001Z\",\"location\":{\"lat\":48.85,\"lon\":-0.0},"
            + "\"score\":1.0E300}}",
        "{\"id\":\"c-3\",\"fields\":{\"country\":\"\",\"vip\":true},\"account\":\"globex\"}");
    assertThat(Files.readAllLines(dir.resolve("deals.jsonl"))).containsExactly(
        "{\"id\":\"d-1\",\"contact\":\"c-1\",\"fields\":{\"stage\":\"Qualified\",\"value\":4200}}");
    assertThat(Files.readAllLines(dir.resolve("events.jsonl"))).containsExactly(
        "{\"contact\":\"c-1\",\"type\":\"email_click\",\"at\":\"2026-11-20T14:03:00Z\","
            + "\"props\":{\"campaign\":\"crm-fall\",\"url\":\"https://example.com/crm\"}}",
        "{\"contact\":\"c-2\",\"type\":\"purchase\",\"at\":\"2026-11-25T14:00:00Z\","
            + "\"props\":{\"amount\":99.5,\"paid\":true}}");
    assertThat(Files.readString(dir.resolve("segments/customers.json"))).isEqualTo(
        SegmentJson.write(customers) + "\n");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
          "accounts.jsonl", "contacts.jsonl", "deals.jsonl", "events.jsonl", "schema.json",
          "segments");
    }
    Dataset loaded = DatasetLoader.load(dir);
    assertSameReadBack(shop().snapshot(), loaded.index().snapshot(), () -> "shop");
  }

  @Test
  void anEmptyIndexIsAFolderOfEmptyFiles() throws IOException {
    Path dir = tmp.resolve("empty");
    DatasetWriter.write(ContactIndex.create(Schema.builder().build()), SegmentRegistry.empty(),
        dir);
    assertThat(Files.readString(dir.resolve("schema.json"))).isEqualTo("{}\n");
    for (String file : List.of("accounts.jsonl", "contacts.jsonl", "deals.jsonl",
        "events.jsonl")) {
      assertThat(Files.size(dir.resolve(file))).as(file).isZero();
    }
    assertThat(DatasetLoader.load(dir).index().size()).isZero();
  }

  @Test
  void anEmptyFolderIsWrittenIntoAndASnapshotAsItWas() throws IOException {
    ContactIndex index = shop();
    IndexSnapshot before = index.snapshot();
    index.remove("c-1"); // after the snapshot was taken: not in the folder
    Path dir = Files.createDirectory(tmp.resolve("existing"));
    DatasetWriter.write(before, SegmentRegistry.empty(), dir);
    assertThat(DatasetLoader.load(dir).index().contactIds()).containsExactly("c-1", "c-2", "c-3");
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void aFolderThatIsNotEmptyOrNotAFolderIsRefusedAndLeftAsItWas() throws IOException {
    Path full = Files.createDirectory(tmp.resolve("full"));
    Files.writeString(full.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> DatasetWriter.write(shop(), SegmentRegistry.empty(), full))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(full + ": is not empty: a dataset is written into a new or empty folder");
    try (Stream<Path> files = Files.list(full)) {
      assertThat(files).containsExactly(full.resolve("notes.txt"));
    }
    Path file = Files.writeString(tmp.resolve("file"), "mine");
    assertThatThrownBy(() -> DatasetWriter.write(shop(), SegmentRegistry.empty(), file))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(file + ": exists and is not a folder");
    assertThat(Files.readString(file)).isEqualTo("mine");
    Path orphan = tmp.resolve("no-parent").resolve("data");
    assertThatThrownBy(() -> DatasetWriter.write(shop(), SegmentRegistry.empty(), orphan))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void aSavedSegmentThatWouldNotLoadIsRefusedBeforeAnythingIsWritten() {
    Path dir = tmp.resolve("bad-segment");
    Segment unknownField = Segment.builder().id("bad").where(field("countyr").eq("US")).build();
    assertThatThrownBy(() -> DatasetWriter.write(shop(), SegmentRegistry.of(unknownField), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("saved segment \"bad\" would not load with the dataset:\n")
        .hasMessageContaining("countyr");
    assertThat(dir).doesNotExist();
  }

  @Test
  void dataTheFormatCannotHoldIsRefusedAndWhatWasWrittenDeleted() throws IOException {
    ContactIndex index = shop();
    index.upsert(Contact.builder("c-4").field("country", "a\ud800b").build());
    Path dir = tmp.resolve("surrogate");
    assertThatThrownBy(() -> DatasetWriter.write(index, SegmentRegistry.empty(), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contact \"c-4\": field \"country\" holds an unpaired surrogate (U+D800), "
            + "which UTF-8 cannot hold");
    assertThat(dir).doesNotExist();

    index.upsert(Contact.builder("c-4").field("signup_date", LocalDate.of(10_000, 1, 1)).build());
    Path empty = Files.createDirectory(tmp.resolve("kept"));
    assertThatThrownBy(() -> DatasetWriter.write(index, SegmentRegistry.empty(), empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("contact \"c-4\": field \"signup_date\" holds the date +10000-01-01: a dataset "
            + "holds dates of the years 0000 to 9999 only");
    try (Stream<Path> files = Files.list(empty)) {
      assertThat(files).isEmpty(); // the folder was there: it stays, emptied
    }

    index.upsert(Contact.builder("c-4").field("country", "é".repeat(600_000)).build());
    assertThatThrownBy(() -> DatasetWriter.write(index, SegmentRegistry.empty(), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("contact \"c-4\": its line would be 1,200,0")
        .hasMessageEndingWith("bytes long; a dataset's lines hold at most 1 MiB (1,048,576 bytes)");
    assertThat(dir).doesNotExist();
  }
}
