package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.Condition;

/**
 * The change-stream reader ({@code docs/live-segments.md}, "Change stream format"): every op
 * read and applied to a {@link ContactIndex}, every kind of bad line rejected with its line
 * number and a message that says what and where, blank lines counted, the 1 MiB limit, and a
 * batch rejected whole.
 */
class ChangeStreamTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("score", FieldType.NUMBER)
      .contactField("signup", FieldType.DATE)
      .contactField("seen", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("home", FieldType.GEO)
      .dealField("stage", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .accountField("industry", FieldType.STRING)
      .build();

  static final EvaluationContext CTX =
      EvaluationContext.of(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir
  Path dir;

  static List<ChangeLine> read(String text) {
    return read(text.getBytes(StandardCharsets.UTF_8));
  }

  static List<ChangeLine> read(byte[] bytes) {
    List<ChangeLine> out = new ArrayList<>();
    try (ChangeStream s = ChangeStream.of(new ByteArrayInputStream(bytes), "changes.jsonl",
        SCHEMA)) {
      for (ChangeLine line = s.next(); line != null; line = s.next()) {
        out.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The one line of {@code text}, which must be rejected; its message. */
  static String rejected(String text) {
    List<ChangeLine> lines = read(text);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).isInstanceOf(ChangeLine.Rejected.class);
    return ((ChangeLine.Rejected) lines.get(0)).message();
  }

  /** The one change of a one-line, one-change stream. */
  static Change change(String text) {
    List<ChangeLine> lines = read(text);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).as(lines.get(0).toString()).isInstanceOf(ChangeLine.Changes.class);
    ChangeLine.Changes c = (ChangeLine.Changes) lines.get(0);
    assertThat(c.batch()).isFalse();
    return c.changes().get(0);
  }

  static List<String> ids(ContactIndex index, Condition c) {
    return index.evaluate(c, CTX).ids();
  }

  // --- every op, read ---

  @Test
  void everyOpIsReadIntoItsRecord() {
    assertThat(change("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c-1\",\"tags\":[\"a\"],"
        + "\"lists\":{\"news\":\"subscribed\"},\"fields\":{\"country\":\"US\",\"score\":12,"
        + "\"signup\":\"2026-01-31\",\"seen\":\"2026-02-01T10:00:00+01:00\",\"vip\":true,"
        + "\"home\":{\"lat\":40.5,\"lon\":-74}},\"account\":\"acme\"}}"))
        .isEqualTo(new Change.UpsertContact(Contact.builder("c-1").tags("a")
            .list("news", ListStatus.SUBSCRIBED).field("country", "US").field("score", 12.0)
            .field("signup", LocalDate.of(2026, 1, 31))
            .field("seen", Instant.parse("2026-02-01T09:00:00Z")).field("vip", true)
            .field("home", new GeoPoint(40.5, -74)).account("acme").build()));
    assertThat(change("{\"op\":\"removeContact\",\"id\":\"c-1\"}"))
        .isEqualTo(new Change.RemoveContact("c-1"));
    assertThat(change("{\"op\":\"addTag\",\"id\":\"c-1\",\"tag\":\"t\"}"))
        .isEqualTo(new Change.AddTag("c-1", "t"));
    assertThat(change("{\"tag\":\"t\",\"id\":\"c-1\",\"op\":\"removeTag\"}"))
        .isEqualTo(new Change.RemoveTag("c-1", "t"));
    assertThat(change("{\"op\":\"setField\",\"id\":\"c-1\",\"field\":\"score\",\"value\":7.5}"))
        .isEqualTo(new Change.SetField("c-1", "score", 7.5));
    assertThat(change("{\"op\":\"setField\",\"id\":\"c-1\",\"field\":\"seen\","
        + "\"value\":\"2026-03-01T00:00:00-05:00\"}"))
        .isEqualTo(new Change.SetField("c-1", "seen", Instant.parse("2026-03-01T05:00:00Z")));
    assertThat(change("{\"op\":\"setField\",\"id\":\"c-1\",\"field\":\"score\",\"value\":null}"))
        .isEqualTo(new Change.SetField("c-1", "score", null));
    assertThat(change("{\"op\":\"setList\",\"id\":\"c-1\",\"list\":\"l\",\"status\":\"bounced\"}"))
        .isEqualTo(new Change.SetList("c-1", "l", ListStatus.BOUNCED));
    assertThat(change("{\"op\":\"setList\",\"id\":\"c-1\",\"list\":\"l\",\"status\":null}"))
        .isEqualTo(new Change.SetList("c-1", "l", null));
    assertThat(change("{\"op\":\"setAccount\",\"id\":\"c-1\",\"account\":\"acme\"}"))
        .isEqualTo(new Change.SetAccount("c-1", "acme"));
    assertThat(change("{\"op\":\"setAccount\",\"id\":\"c-1\",\"account\":null}"))
        .isEqualTo(new Change.SetAccount("c-1", null));
    assertThat(change("{\"op\":\"event\",\"event\":{\"contact\":\"c-1\",\"type\":\"click\","
        + "\"at\":\"2026-11-20T14:03:00Z\",\"props\":{\"n\":2,\"ok\":true,\"url\":\"x\"}}}"))
        .isEqualTo(new Change.RecordEvent(Event.of("c-1", "click",
            Instant.parse("2026-11-20T14:03:00Z"), Map.of("n", 2.0, "ok", true, "url", "x"))));
    assertThat(change("{\"op\":\"upsertAccount\",\"account\":{\"id\":\"acme\","
        + "\"fields\":{\"industry\":\"SaaS\"}}}"))
        .isEqualTo(new Change.UpsertAccount(Account.builder("acme").field("industry", "SaaS")
            .build()));
    assertThat(change("{\"op\":\"removeAccount\",\"id\":\"acme\"}"))
        .isEqualTo(new Change.RemoveAccount("acme"));
    assertThat(change("{\"op\":\"upsertDeal\",\"deal\":{\"id\":\"d-1\",\"contact\":\"c-1\","
        + "\"fields\":{\"stage\":\"Won\",\"value\":4200}}}"))
        .isEqualTo(new Change.UpsertDeal(Deal.builder("d-1", "c-1").field("stage", "Won")
            .field("value", 4200.0).build()));
    assertThat(change("{\"op\":\"removeDeal\",\"id\":\"d-1\"}"))
        .isEqualTo(new Change.RemoveDeal("d-1"));
  }

  @Test
  void batchAndTickAreReadWithTheirLineNumbers() {
    List<ChangeLine> lines = read("""
        {"op":"batch","changes":[{"op":"addTag","id":"c-1","tag":"a"},{"op":"removeDeal","id":"d"}]}
        {"op":"batch","changes":[]}
        {"op":"tick","now":"2026-12-01T09:00:00+02:00"}
        """);
    assertThat(lines).containsExactly(
        new ChangeLine.Changes("changes.jsonl", 1,
            List.of(new Change.AddTag("c-1", "a"), new Change.RemoveDeal("d")), true),
        new ChangeLine.Changes("changes.jsonl", 2, List.of(), true),
        new ChangeLine.Tick("changes.jsonl", 3, Instant.parse("2026-12-01T07:00:00Z")));
  }

  @Test
  void aTickKeepsItsInstantWhole() {
    // event times and datetime fields keep microseconds (the index's rule); a tick is a `now`
    // like --now, taken as written
    assertThat(read("{\"op\":\"tick\",\"now\":\"2026-12-01T09:00:00.123456789Z\"}"))
        .containsExactly(new ChangeLine.Tick("changes.jsonl", 1,
            Instant.parse("2026-12-01T09:00:00.123456789Z")));
  }

  // --- every op, applied ---

  @Test
  void everyOpAppliesToAnIndex() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    List<ChangeLine> lines = read("""
        {"op":"upsertAccount","account":{"id":"acme","fields":{"industry":"SaaS"}}}
        {"op":"upsertAccount","account":{"id":"globex","fields":{"industry":"Retail"}}}
        {"op":"upsertContact","contact":{"id":"c-1","tags":["a"],"fields":{"country":"US"},"account":"acme"}}
        {"op":"upsertContact","contact":{"id":"c-2","lists":{"news":"subscribed"}}}
        {"op":"addTag","id":"c-2","tag":"a"}
        {"op":"removeTag","id":"c-1","tag":"a"}
        {"op":"setField","id":"c-2","field":"score","value":50}
        {"op":"setField","id":"c-1","field":"country","value":null}
        {"op":"setList","id":"c-1","list":"news","status":"unconfirmed"}
        {"op":"setList","id":"c-2","list":"news","status":null}
        {"op":"setAccount","id":"c-2","account":"globex"}
        {"op":"event","event":{"contact":"c-1","type":"click","at":"2026-11-30T10:00:00Z"}}
        {"op":"upsertDeal","deal":{"id":"d-1","contact":"c-2","fields":{"stage":"Won"}}}
        {"op":"upsertContact","contact":{"id":"c-3","tags":["gone"]}}
        {"op":"upsertDeal","deal":{"id":"d-3","contact":"c-3","fields":{"stage":"Won"}}}
        {"op":"removeContact","id":"c-3"}
        {"op":"upsertAccount","account":{"id":"initech"}}
        {"op":"removeAccount","id":"initech"}
        {"op":"upsertDeal","deal":{"id":"d-2","contact":"c-1","fields":{"stage":"Lost"}}}
        {"op":"removeDeal","id":"d-2"}
        {"op":"batch","changes":[{"op":"addTag","id":"c-1","tag":"b"},{"op":"setField","id":"c-1","field":"vip","value":true}]}
        {"op":"removeAccount","id":"acme"}
        {"op":"tick","now":"2026-12-01T09:00:00Z"}
        """);
    for (ChangeLine line : lines) {
      if (line instanceof ChangeLine.Changes c) {
        index.update(c::applyTo);
      } else {
        assertThat(line).isInstanceOf(ChangeLine.Tick.class);
      }
    }
    assertThat(ids(index, tag("a"))).containsExactly("c-2");
    assertThat(ids(index, tag("b"))).containsExactly("c-1");
    assertThat(ids(index, field("country").isSet())).isEmpty();
    assertThat(ids(index, numberField("score").eq(50))).containsExactly("c-2");
    assertThat(ids(index, booleanField("vip").isTrue())).containsExactly("c-1");
    assertThat(ids(index, list("news").unconfirmed())).containsExactly("c-1");
    assertThat(ids(index, list("news").anyStatus())).containsExactly("c-1");
    assertThat(ids(index, event("click").atLeast(1))).containsExactly("c-1");
    assertThat(ids(index, deal(field("stage").eq("Won")))).containsExactly("c-2");
    assertThat(ids(index, deal(field("stage").eq("Lost")))).isEmpty();
    assertThat(ids(index, account(field("industry").eq("Retail")))).containsExactly("c-2");
    assertThat(ids(index, account(field("industry").eq("SaaS")))).isEmpty(); // acme removed
    assertThat(ids(index, tag("gone"))).isEmpty();
    assertThat(index.size()).isEqualTo(2);
  }

  @Test
  void aBatchThatTheIndexRefusesIsDroppedWholeAndNamesItsChange() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.upsert(Contact.builder("c-1").build());
    ChangeLine.Changes batch = (ChangeLine.Changes) read("\n\n"
        + "{\"op\":\"batch\",\"changes\":[{\"op\":\"addTag\",\"id\":\"c-1\",\"tag\":\"a\"},"
        + "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c-2\"}},"
        + "{\"op\":\"addTag\",\"id\":\"c-9\",\"tag\":\"a\"}]}").get(0);
    long version = index.snapshot().version();
    assertThatThrownBy(() -> index.update(batch::applyTo))
        .isInstanceOfSatisfying(InvalidChangeException.class, e -> {
          assertThat(e.rejected().line()).isEqualTo(3);
          assertThat(e.rejected().located()).isEqualTo("changes.jsonl:3: /changes/2/id: "
              + "op \"addTag\": no such contact \"c-9\"");
          assertThat(e).hasMessage(e.rejected().located());
        });
    assertThat(index.snapshot().version()).isEqualTo(version);
    assertThat(index.size()).isEqualTo(1);
    assertThat(ids(index, tag("a"))).isEmpty();
  }

  /**
   * Every change that needs a contact or an account that is not there, alone on its line: the
   * message names the member at fault and the op, as the change stream spells it.
   */
  @Test
  void aMissingContactOrAccountIsNamedByTheMemberAtFaultAndTheOp() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsertAccount(Account.builder("acme").build())
        .upsert(Contact.builder("c-1").build()));
    String at = "\"at\":\"2026-01-01T00:00:00Z\"";
    Map<String, String> refusals = new java.util.LinkedHashMap<>();
    refusals.put("{\"op\":\"setList\",\"id\":\"c-9\",\"list\":\"l\",\"status\":\"subscribed\"}",
        "/id: op \"setList\": no such contact \"c-9\"");
    refusals.put("{\"op\":\"setList\",\"id\":\"c-9\",\"list\":\"l\",\"status\":null}",
        "/id: op \"setList\": no such contact \"c-9\"");
    refusals.put("{\"op\":\"addTag\",\"id\":\"c-9\",\"tag\":\"t\"}",
        "/id: op \"addTag\": no such contact \"c-9\"");
    refusals.put("{\"op\":\"removeTag\",\"id\":\"c-9\",\"tag\":\"t\"}",
        "/id: op \"removeTag\": no such contact \"c-9\"");
    refusals.put("{\"op\":\"setField\",\"id\":\"c-9\",\"field\":\"score\",\"value\":1}",
        "/id: op \"setField\": no such contact \"c-9\"");
    refusals.put("{\"op\":\"setField\",\"id\":\"c-9\",\"field\":\"score\",\"value\":null}",
        "/id: op \"setField\": no such contact \"c-9\"");
    refusals.put("{\"op\":\"event\",\"event\":{\"contact\":\"c-9\",\"type\":\"t\"," + at + "}}",
        "/event/contact: op \"event\": no such contact \"c-9\"");
    refusals.put("{\"op\":\"setAccount\",\"id\":\"c-9\",\"account\":\"acme\"}",
        "/id: op \"setAccount\": no such contact \"c-9\"");
    refusals.put("{\"op\":\"setAccount\",\"id\":\"c-1\",\"account\":\"a-9\"}",
        "/account: op \"setAccount\": no such account \"a-9\"");
    refusals.put("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c-2\",\"account\":\"a-9\"}}",
        "/contact/account: op \"upsertContact\": no such account \"a-9\"");
    refusals.put("{\"op\":\"upsertDeal\",\"deal\":{\"id\":\"d-1\",\"contact\":\"c-9\"}}",
        "/deal/contact: op \"upsertDeal\": no such contact \"c-9\"");
    refusals.forEach((line, message) -> {
      ChangeLine.Changes changes = (ChangeLine.Changes) read("\n" + line).get(0);
      assertThatThrownBy(() -> index.update(changes::applyTo)).as(line)
          .isInstanceOfSatisfying(InvalidChangeException.class, e ->
              assertThat(e.rejected().located()).isEqualTo("changes.jsonl:2: " + message));
    });
    assertThat(index.size()).isEqualTo(1);
  }

  @Test
  void whatMustExistIsJudgedAtItsPointOfTheBatch() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsertAccount(Account.builder("acme").build())
        .upsert(Contact.builder("c-1").build()));
    ChangeLine.Changes removedFirst = (ChangeLine.Changes) read("{\"op\":\"batch\",\"changes\":["
        + "{\"op\":\"removeContact\",\"id\":\"c-1\"},"
        + "{\"op\":\"setField\",\"id\":\"c-1\",\"field\":\"score\",\"value\":1}]}").get(0);
    assertThatThrownBy(() -> index.update(removedFirst::applyTo))
        .isInstanceOfSatisfying(InvalidChangeException.class, e -> assertThat(e.rejected()
            .message()).isEqualTo("/changes/1/id: op \"setField\": no such contact \"c-1\""));
    ChangeLine.Changes accountGone = (ChangeLine.Changes) read("{\"op\":\"batch\",\"changes\":["
        + "{\"op\":\"removeAccount\",\"id\":\"acme\"},"
        + "{\"op\":\"setAccount\",\"id\":\"c-1\",\"account\":\"acme\"}]}").get(0);
    assertThatThrownBy(() -> index.update(accountGone::applyTo))
        .isInstanceOfSatisfying(InvalidChangeException.class, e -> assertThat(e.rejected()
            .message()).isEqualTo("/changes/1/account: op \"setAccount\": no such account "
                + "\"acme\""));
    ChangeLine.Changes addedFirst = (ChangeLine.Changes) read("{\"op\":\"batch\",\"changes\":["
        + "{\"op\":\"upsertAccount\",\"account\":{\"id\":\"globex\"}},"
        + "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c-2\",\"account\":\"globex\"}},"
        + "{\"op\":\"upsertDeal\",\"deal\":{\"id\":\"d-1\",\"contact\":\"c-2\"}}]}").get(0);
    index.update(addedFirst::applyTo);
    assertThat(index.size()).isEqualTo(2);
  }

  // --- lines, blank lines, limits ---

  @Test
  void blankLinesAreSkippedButCounted() {
    List<ChangeLine> lines = read("\n   \n{\"op\":\"removeDeal\",\"id\":\"d\"}\r\n\t\r\n"
        + "{\"op\":\"removeDeal\",\"id\":\"e\"}");
    assertThat(lines).extracting(ChangeLine::line).containsExactly(3, 5);
    assertThat(lines.get(1)).isEqualTo(new ChangeLine.Changes("changes.jsonl", 5,
        List.of(new Change.RemoveDeal("e")), false));
    assertThat(read("")).isEmpty();
    assertThat(read("\n\n")).isEmpty();
  }

  @Test
  void aLineOverOneMibIsRejectedWithoutBeingHeldAndReadingGoesOn() {
    String pad = "x".repeat(1 << 20);
    List<ChangeLine> lines = read("{\"op\":\"addTag\",\"id\":\"c-1\",\"tag\":\"" + pad + "\"}\n"
        + "{\"op\":\"removeDeal\",\"id\":\"d\"}\n");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(
        new ChangeLine.Rejected("changes.jsonl", 1, "line is longer than 1 MiB"));
    assertThat(lines.get(1)).isInstanceOf(ChangeLine.Changes.class);
    assertThat(lines.get(1).line()).isEqualTo(2);
  }

  @Test
  void aLineOfExactlyOneMibIsRead() {
    // a long string value: a tag is at most 1,024 characters
    String head = "{\"op\":\"setField\",\"id\":\"c-1\",\"field\":\"country\",\"value\":\"";
    String tail = "\"}";
    String tag = "t".repeat((1 << 20) - head.length() - tail.length());
    Change set = new Change.SetField("c-1", "country", tag);
    assertThat(change(head + tag + tail + "\r\n")).isEqualTo(set);
    assertThat(change(head + tag + tail + "\n")).isEqualTo(set);
    assertThat(change(head + tag + tail)).isEqualTo(set);
    assertThat(rejected(head + tag + "t" + tail + "\r\n")).isEqualTo("line is longer than 1 MiB");
    assertThat(rejected(head + tag + "t" + tail)).isEqualTo("line is longer than 1 MiB");
  }

  @Test
  void aHugeLineDoesNotExhaustTheHeap() {
    // 64 MiB without a line break, streamed: the reader holds at most 1 MiB of it
    long size = 64L << 20;
    InputStream endless = new InputStream() {
      long left = size;

      @Override
      public int read() {
        return left-- > 0 ? 'x' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) 'x');
        left -= n;
        return n;
      }
    };
    ChangeStream s = ChangeStream.of(endless, "-", SCHEMA);
    assertThat(s.next()).isEqualTo(new ChangeLine.Rejected("-", 1, "line is longer than 1 MiB"));
    assertThat(s.next()).isNull();
  }

  @Test
  void openNamesTheFileAsGiven() throws IOException {
    Path file = dir.resolve("c.jsonl");
    Files.writeString(file, "{\"op\":\"tick\"}\n");
    try (ChangeStream s = ChangeStream.open(file, SCHEMA)) {
      assertThat(s.name()).isEqualTo(file.toString());
      ChangeLine line = s.next();
      assertThat(((ChangeLine.Rejected) line).located())
          .isEqualTo(file + ":1: op \"tick\": \"now\" is required");
      assertThat(s.next()).isNull();
    }
    assertThatThrownBy(() -> ChangeStream.open(dir, SCHEMA)).isInstanceOf(IOException.class)
        .hasMessageContaining("directory");
    assertThatThrownBy(() -> ChangeStream.open(dir.resolve("missing.jsonl"), SCHEMA))
        .isInstanceOf(IOException.class);
  }

  @Test
  void anUnreadableStreamIsAnUncheckedIoError() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk on fire");
      }
    };
    ChangeStream s = ChangeStream.of(broken, "x.jsonl", SCHEMA);
    assertThatThrownBy(s::next).isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("x.jsonl").hasMessageContaining("disk on fire");
  }

  // --- every kind of bad line ---

  @Test
  void malformedJson() {
    assertThat(rejected("{\"op\": \"addTag\", \"id\": \"c-1")).startsWith("malformed JSON: ")
        .doesNotContain("Exception").doesNotContain("tools.jackson");
    assertThat(rejected("{\"op\":\"removeDeal\",\"id\":\"d\"}{\"op\":\"removeDeal\",\"id\":\"d\"}"))
        .isEqualTo("unexpected content after the JSON value (line 1, column 29)");
    assertThat(rejected("{\"op\":\"removeDeal\",\"id\":\"d\",}")).startsWith("malformed JSON: ");
  }

  @Test
  void duplicateKeys() {
    assertThat(rejected("{\"op\":\"removeDeal\",\"id\":\"d\",\"id\":\"e\"}"))
        .startsWith("malformed JSON: ").contains("\"id\"");
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\","
        + "\"fields\":{\"score\":1,\"score\":2}}}")).startsWith("malformed JSON: ")
        .contains("\"score\"");
  }

  @Test
  void aLineThatIsNotAnObject() {
    assertThat(rejected("42")).isEqualTo("expected a JSON object, got 42");
    assertThat(rejected("[{\"op\":\"tick\"}]")).isEqualTo("expected a JSON object, got an array");
    assertThat(rejected("\"tick\"")).isEqualTo("expected a JSON object, got \"tick\"");
  }

  @Test
  void invalidUtf8() {
    byte[] bad = "{\"op\":\"removeDeal\",\"id\":\"d-\u00e9\"}".getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 3] = (byte) 0xFF;
    List<ChangeLine> lines = read(bad);
    assertThat(lines).containsExactly(
        new ChangeLine.Rejected("changes.jsonl", 1, "not valid UTF-8"));
  }

  @Test
  void anUnpairedSurrogate() {
    assertThat(rejected("{\"op\":\"addTag\",\"id\":\"c-1\",\"tag\":\"\\ud800\"}"))
        .startsWith("malformed JSON: a string holds an unpaired surrogate");
  }

  @Test
  void missingOrUnknownOp() {
    assertThat(rejected("{\"id\":\"c-1\",\"tag\":\"t\"}")).startsWith("\"op\" is required");
    assertThat(rejected("{\"op\":\"set\",\"id\":\"c-1\"}"))
        .startsWith("/op: unknown op \"set\"");
    assertThat(rejected("{\"op\":\"addtag\",\"id\":\"c-1\",\"tag\":\"t\"}"))
        .isEqualTo("/op: unknown op \"addtag\"; did you mean \"addTag\"?");
    assertThat(rejected("{\"op\":7}")).isEqualTo("/op: \"op\" must be a string, got 7");
  }

  @Test
  void unknownKeysAnywhere() {
    assertThat(rejected("{\"op\":\"setList\",\"id\":\"c-1\",\"list\":\"l\",\"status\":null,"
        + "\"where\":\"x\"}"))
        .isEqualTo("/where: op \"setList\": unknown key \"where\" (allowed: id, list, op, status)");
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\",\"colour\":1}}"))
        .startsWith("/contact/colour: op \"upsertContact\": unknown key \"colour\"");
    assertThat(rejected("{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\","
        + "\"at\":\"2026-01-01T00:00:00Z\",\"source\":1}}"))
        .startsWith("/event/source: op \"event\": unknown key \"source\"");
    assertThat(rejected("{\"op\":\"tick\",\"now\":\"2026-01-01T00:00:00Z\",\"zone\":\"UTC\"}"))
        .startsWith("/zone: op \"tick\": unknown key \"zone\"");
    assertThat(rejected("{\"op\":\"batch\",\"changes\":[],\"atomic\":true}"))
        .startsWith("/atomic: op \"batch\": unknown key \"atomic\"");
    assertThat(rejected("{\"op\":\"batch\",\"changes\":[{\"op\":\"removeDeal\",\"id\":\"d\","
        + "\"x\":1}]}")).startsWith("/changes/0/x: op \"removeDeal\": unknown key \"x\"");
  }

  @Test
  void missingOrEmptyIds() {
    assertThat(rejected("{\"op\":\"addTag\",\"tag\":\"t\"}")).isEqualTo("op \"addTag\": "
        + "\"id\" is required");
    assertThat(rejected("{\"op\":\"addTag\",\"id\":\"\",\"tag\":\"t\"}"))
        .isEqualTo("/id: op \"addTag\": \"id\" must be a non-empty string, got \"\"");
    assertThat(rejected("{\"op\":\"addTag\",\"id\":\"c-1\",\"tag\":5}"))
        .isEqualTo("/tag: op \"addTag\": \"tag\" must be a non-empty string, got 5");
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"\"}}"))
        .isEqualTo("/contact/id: op \"upsertContact\": "
            + "\"id\" must be a non-empty string, got \"\"");
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":{}}"))
        .isEqualTo("/contact: op \"upsertContact\": \"id\" is required");
    assertThat(rejected("{\"op\":\"upsertDeal\",\"deal\":{\"id\":\"d\"}}"))
        .isEqualTo("/deal/contact: op \"upsertDeal\": \"contact\" must be a contact id, got null");
  }

  @Test
  void theObjectOfAChangeMustBeAnObject() {
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":\"c-1\"}"))
        .isEqualTo("/contact: op \"upsertContact\": \"contact\" must be an object, got \"c-1\"");
    assertThat(rejected("{\"op\":\"event\"}")).isEqualTo("op \"event\": \"event\" is required");
  }

  @Test
  void fieldValuesAreTypedPerSchema() {
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\","
        + "\"fields\":{\"score\":\"12a\"}}}"))
        .isEqualTo("/contact/fields/score: op \"upsertContact\": "
            + "field \"score\" expects a number, got \"12a\"");
    assertThat(rejected("{\"op\":\"batch\",\"changes\":[{\"op\":\"removeDeal\",\"id\":\"d\"},"
        + "{\"op\":\"removeDeal\",\"id\":\"d\"},{\"op\":\"upsertContact\",\"contact\":"
        + "{\"id\":\"c\",\"fields\":{\"score\":\"x\"}}}]}"))
        .isEqualTo("/changes/2/contact/fields/score: op \"upsertContact\": "
            + "field \"score\" expects a number, got \"x\"");
    assertThat(rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"signup\","
        + "\"value\":\"2026-02-30\"}"))
        .isEqualTo("/value: op \"setField\": "
            + "field \"signup\" expects a date \"YYYY-MM-DD\", got \"2026-02-30\"");
    assertThat(rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"vip\",\"value\":\"yes\"}"))
        .isEqualTo("/value: op \"setField\": field \"vip\" expects true or false, got \"yes\"");
    assertThat(rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"home\","
        + "\"value\":{\"lat\":91,\"lon\":0}}")).startsWith("/value: op \"setField\": "
            + "field \"home\": lat must be");
    assertThat(rejected("{\"op\":\"upsertDeal\",\"deal\":{\"id\":\"d\",\"contact\":\"c\","
        + "\"fields\":{\"value\":\"4200\"}}}"))
        .isEqualTo("/deal/fields/value: op \"upsertDeal\": "
            + "field \"value\" expects a number, got \"4200\"");
    assertThat(rejected("{\"op\":\"upsertAccount\",\"account\":{\"id\":\"a\","
        + "\"fields\":{\"industry\":3}}}"))
        .isEqualTo("/account/fields/industry: op \"upsertAccount\": "
            + "field \"industry\" expects a string, got 3");
    assertThat(rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"score\",\"value\":1e999}"))
        .isEqualTo("/value: op \"setField\": field \"score\": number out of range");
  }

  @Test
  void aDatetimeNeedsAnOffset() {
    assertThat(rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"seen\","
        + "\"value\":\"2026-02-01\"}"))
        .startsWith("/value: op \"setField\": "
            + "field \"seen\" expects an ISO-8601 instant with offset");
    assertThat(rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"seen\","
        + "\"value\":\"2026-02-01T10:00:00\"}"))
        .startsWith("/value: op \"setField\": "
            + "field \"seen\" expects an ISO-8601 instant with offset");
    assertThat(rejected("{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\","
        + "\"at\":\"2026-11-27T14:19:42\"}}"))
        .startsWith("/event/at: op \"event\": \"at\" expects an ISO-8601 instant with offset");
    assertThat(rejected("{\"op\":\"tick\",\"now\":\"2026-11-19T01:00:59\"}"))
        .isEqualTo("/now: op \"tick\": \"now\" expects an ISO-8601 instant with offset "
            + "(\"2026-11-28T09:30:00Z\"), got \"2026-11-19T01:00:59\"");
    assertThat(rejected("{\"op\":\"tick\",\"now\":null}")).startsWith("/now: ");
    assertThat(rejected("{\"op\":\"tick\"}")).isEqualTo("op \"tick\": \"now\" is required");
  }

  @Test
  void unknownFields() {
    assertThat(rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"colour\",\"value\":1}"))
        .isEqualTo("/field: op \"setField\": unknown field \"colour\"");
    assertThat(rejected("{\"op\":\"setField\",\"id\":\"c\",\"field\":\"scor\",\"value\":null}"))
        .isEqualTo("/field: op \"setField\": unknown field \"scor\"; did you mean \"score\"?");
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\","
        + "\"fields\":{\"contry\":\"US\"}}}"))
        .isEqualTo("/contact/fields/contry: op \"upsertContact\": "
            + "unknown field \"contry\"; did you mean \"country\"?");
    assertThat(rejected("{\"op\":\"upsertDeal\",\"deal\":{\"id\":\"d\",\"contact\":\"c\","
        + "\"fields\":{\"owner\":\"x\"}}}"))
        .isEqualTo("/deal/fields/owner: op \"upsertDeal\": unknown deal field \"owner\"");
  }

  @Test
  void listStatuses() {
    assertThat(rejected("{\"op\":\"setList\",\"id\":\"c\",\"list\":\"news\",\"status\":\"any\"}"))
        .isEqualTo("/status: op \"setList\": "
            + "list \"news\": unknown status \"any\" (expected subscribed, "
            + "unsubscribed, bounced or unconfirmed)");
    assertThat(rejected("{\"op\":\"setList\",\"id\":\"c\",\"list\":\"news\",\"status\":\"\"}"))
        .startsWith("/status: op \"setList\": list \"news\": unknown status \"\"");
    assertThat(rejected("{\"op\":\"setList\",\"id\":\"c\",\"list\":\"news\"}"))
        .isEqualTo("op \"setList\": \"status\" is required");
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\","
        + "\"lists\":{\"news\":\"active\"}}}"))
        .startsWith("/contact/lists/news: op \"upsertContact\": "
            + "list \"news\": unknown status \"active\"");
  }

  @Test
  void eventPropertiesAreScalars() {
    assertThat(rejected("{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\","
        + "\"at\":\"2026-01-01T00:00:00Z\",\"props\":{\"tags\":[1]}}}"))
        .isEqualTo("/event/props/tags: op \"event\": "
            + "prop \"tags\" must be a string, number or boolean, "
            + "got an array");
    assertThat(rejected("{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\","
        + "\"at\":\"2026-01-01T00:00:00Z\",\"props\":{\"x\":null}}}"))
        .startsWith("/event/props/x: ");
    assertThat(rejected("{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\","
        + "\"at\":\"2026-01-01T00:00:00Z\",\"props\":{\"\":1}}}"))
        .isEqualTo("/event/props/: op \"event\": prop names must be non-empty");
  }

  @Test
  void namesThatBreakTheRuleAreRejectedAtTheirPointerShownEscaped() {
    assertThat(rejected("{\"op\":\"addTag\",\"id\":\"c-1\",\"tag\":\"a\\nb\"}"))
        .isEqualTo("/tag: op \"addTag\": tag \"a\\nb\" contains a control character (U+000A)");
    assertThat(rejected("{\"op\":\"removeContact\",\"id\":\"c\\u0000\"}"))
        .isEqualTo("/id: op \"removeContact\": "
            + "id \"c\\u0000\" contains a control character (U+0000)");
    assertThat(rejected("{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c1\\nc2\"}}"))
        .isEqualTo("/contact/id: op \"upsertContact\": "
            + "contact id \"c1\\nc2\" contains a control character (U+000A)");
    assertThat(rejected("{\"op\":\"setList\",\"id\":\"c\",\"list\":\"news\u0085\","
        + "\"status\":\"subscribed\"}"))
        .isEqualTo("/list: op \"setList\": "
            + "list \"news\\u0085\" contains a control character (U+0085)");
    assertThat(rejected("{\"op\":\"setAccount\",\"id\":\"c\",\"account\":\"acme\\t\"}"))
        .isEqualTo("/account: op \"setAccount\": "
            + "account id \"acme\\t\" contains a control character (U+0009)");
    assertThat(rejected("{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\\u007f\","
        + "\"at\":\"2026-01-01T00:00:00Z\"}}"))
        .isEqualTo("/event/type: op \"event\": "
            + "event type \"t\\u007f\" contains a control character (U+007F)");
    assertThat(rejected("{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\","
        + "\"at\":\"2026-01-01T00:00:00Z\",\"props\":{\"a\\nb\":[1]}}}"))
        .isEqualTo("/event/props/a\\nb: op \"event\": "
            + "prop name \"a\\nb\" contains a control character "
            + "(U+000A)");
    assertThat(rejected("{\"op\":\"upsertDeal\",\"deal\":{\"id\":\"d\",\"contact\":\"c\\r\"}}"))
        .isEqualTo("/deal/contact: op \"upsertDeal\": "
            + "contact id \"c\\r\" contains a control character (U+000D)");
    assertThat(rejected("{\"op\":\"upsertAccount\",\"account\":{\"id\":\"" + "x".repeat(1025)
        + "\"}}")).isEqualTo("/account/id: op \"upsertAccount\": "
            + "account id \"" + "x".repeat(60) + "…\" is 1025 "
            + "characters long; at most 1024 allowed");
  }

  @Test
  void setAccountTakesAnIdOrNull() {
    assertThat(rejected("{\"op\":\"setAccount\",\"id\":\"c\",\"account\":\"\"}"))
        .isEqualTo("/account: op \"setAccount\": "
            + "\"account\" must be an account id or null, got \"\"");
    assertThat(rejected("{\"op\":\"setAccount\",\"id\":\"c\"}"))
        .isEqualTo("op \"setAccount\": \"account\" is required");
  }

  @Test
  void aBatchCannotHoldABatchOrATick() {
    assertThat(rejected("{\"op\":\"batch\",\"changes\":[{\"op\":\"removeDeal\",\"id\":\"d\"},"
        + "{\"op\":\"tick\",\"now\":\"2026-01-01T00:00:00Z\"}]}"))
        .isEqualTo("/changes/1: op \"batch\": a batch cannot hold a \"tick\"");
    assertThat(rejected("{\"op\":\"batch\",\"changes\":[{\"op\":\"batch\",\"changes\":[]}]}"))
        .isEqualTo("/changes/0: op \"batch\": a batch cannot hold a \"batch\"");
    assertThat(rejected("{\"op\":\"batch\",\"changes\":{}}"))
        .isEqualTo("/changes: op \"batch\": "
            + "\"changes\" must be an array of changes, got an object");
    assertThat(rejected("{\"op\":\"batch\",\"changes\":[7]}"))
        .isEqualTo("/changes/0: op \"batch\": a change must be a JSON object, got 7");
    assertThat(rejected("{\"op\":\"batch\"}")).isEqualTo("op \"batch\": \"changes\" is required");
    assertThat(rejected("{\"op\":\"batch\",\"changes\":[{\"id\":\"d\"}]}"))
        .startsWith("/changes/0: \"op\" is required");
  }

  @Test
  void aBatchWithOneBadChangeIsRejectedWholeAndReadingGoesOn() {
    List<ChangeLine> lines = read("""
        {"op":"batch","changes":[{"op":"addTag","id":"c-1","tag":"a"},{"op":"setField","id":"c-1","field":"score","value":"high"}]}
        {"op":"addTag","id":"c-1","tag":"b"}
        """);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo(new ChangeLine.Rejected("changes.jsonl", 1,
        "/changes/1/value: op \"setField\": field \"score\" expects a number, got \"high\""));
    assertThat(((ChangeLine.Rejected) lines.get(0)).located()).isEqualTo("changes.jsonl:1: "
        + "/changes/1/value: op \"setField\": field \"score\" expects a number, got \"high\"");
    assertThat(lines.get(1)).isEqualTo(new ChangeLine.Changes("changes.jsonl", 2,
        List.of(new Change.AddTag("c-1", "b")), false));
  }

  @Test
  void noMessageLeaksAnExceptionOrJacksonName() {
    List<String> bad = List.of("{", "}", "{\"op\":}", "nul", "{\"op\":\"tick\",\"now\":1}",
        "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\",\"tags\":[\"\"]}}",
        "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\",\"tags\":\"a\"}}",
        "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\",\"lists\":[]}}",
        "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\",\"fields\":[]}}",
        "{\"op\":\"upsertContact\",\"contact\":{\"id\":\"c\",\"account\":1}}",
        "{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"\",\"at\":\"x\"}}",
        "{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\"}}",
        "{\"op\":\"event\",\"event\":{\"contact\":\"c\",\"type\":\"t\","
            + "\"at\":\"+300000-01-01T00:00:00Z\"}}");
    for (String line : bad) {
      assertThat(rejected(line)).as(line).doesNotContain("Exception").doesNotContain("jackson")
          .doesNotContain("java.");
    }
  }
}
