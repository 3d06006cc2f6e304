package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.tag;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.InvalidSnapshotException.Problem;

/**
 * A snapshot file is user input too: one whose checksums all match but whose ids, tags, list
 * names, event types, property names or field names break the names rule (here: a newline put in
 * place of a {@code -}, which would make {@code eval --output ids} ambiguous) is refused at load,
 * naming the section, what the name is and the name, escaped. So are rows whose account or deal
 * owner id breaks the rule, or that name a tag the file does not hold.
 *
 * <p>Each bad file is the saved file with a few bytes changed in place (the lengths stay, so the
 * header does) and every checksum made right again ({@link #resealed}), so that loading gets past
 * the checksums to the names.
 */
class SnapshotNamesTest {
  static final String NAME = "names.snapshot";
  static final int CHUNK = 1 << 20;

  private static byte[] file;

  @TempDir
  Path dir;

  @BeforeAll
  static void saveASnapshotOfEveryKindOfName() throws IOException {
    Schema schema = Schema.builder()
        .contactField("country", FieldType.STRING)
        .contactField("score", FieldType.NUMBER)
        .contactField("born", FieldType.DATE)
        .contactField("seen", FieldType.DATETIME)
        .contactField("vip", FieldType.BOOLEAN)
        .contactField("home", FieldType.GEO)
        .dealField("stage", FieldType.STRING)
        .accountField("industry", FieldType.STRING)
        .build();
    ContactIndex index = ContactIndex.create(schema);
    index.update(b -> b
        .upsertAccount(Account.builder("account-one").field("industry", "SaaS").build())
        .upsert(Contact.builder("contact-one").tags("tag-one")
            .list("list-one", ListStatus.SUBSCRIBED).account("account-one")
            .field("country", "US").field("score", 12).field("born", LocalDate.of(1990, 2, 3))
            .field("seen", Instant.parse("2026-01-02T03:04:05.000006Z")).field("vip", true)
            .field("home", new GeoPoint(48.85, 2.35)).build())
        .upsert(Contact.builder("contact-two").build())
        .record(Event.of("contact-one", "type-one", Instant.parse("2026-01-01T00:00:00Z"),
            Map.of("prop-one", "v")))
        .upsertDeal(Deal.builder("deal-one", "contact-one").field("stage", "won").build()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFile.save(index, SegmentRegistry.empty(), out);
    file = out.toByteArray();
    // the bad files below differ from this one only in the bytes they change
    assertThat(load(file).index().evaluate(tag("tag-one"),
        EvaluationContext.at(Instant.parse("2026-02-01T00:00:00Z"))).ids())
        .containsExactly("contact-one");
    assertThat(load(resealed(file.clone())).summary()).isEqualTo(load(file).summary());
  }

  @Test
  void aContactIdWithANewlineIsRefused() {
    assertRefused("contacts", "contact-one", "contact id \"contact\\none\"");
  }

  @Test
  void aDealIdAndAnAccountIdWithANewlineAreRefused() {
    assertRefused("deals", "deal-one", "deal id \"deal\\none\"");
    assertRefused("accounts", "account-one", "account id \"account\\none\"");
  }

  @Test
  void aTagWithANewlineIsRefusedInTheTagsAndInTheRowsNames() {
    assertRefused("tags", "tag-one", "tag \"tag\\none\"");
    assertRefused("contacts", "tag-one", "tag or list name \"tag\\none\"");
  }

  @Test
  void aListNameWithANewlineIsRefused() {
    assertRefused("lists", "list-one", "list name \"list\\none\"");
  }

  @Test
  void anEventTypeAndAPropertyNameWithANewlineAreRefused() {
    assertRefused("events", "type-one", "event type \"type\\none\"");
    assertRefused("events", "prop-one", "property name \"prop\\none\"");
  }

  @Test
  void aFieldNameWithANewlineIsRefusedEscaped() {
    byte[] bad = patched("schema", narrow("score"), narrow("sc\nre"));
    assertThat(refused(bad)).hasMessage(NAME + ": section \"schema\" at byte "
        + offsetIn("schema", narrow("score")) + ": invalid contact field name \"sc\\nre\": "
        + "expected [A-Za-z_][A-Za-z0-9_.-]{0,127}");
  }

  @Test
  void anAccountIdWithANewlineInAContactsRowIsRefused() {
    assertFirstRowRefused(patched("contacts", rowString("account-one"),
        rowString("account\none")), "contacts", "contact-one",
        "account id \"account\\none\" contains a control character (U+000A)");
  }

  @Test
  void aDealsContactIdWithANewlineInItsRowIsRefused() {
    assertFirstRowRefused(patched("deals", rowString("contact-one"), rowString("contact\none")),
        "deals", "deal-one", "contact id \"contact\\none\" contains a control character (U+000A)");
  }

  @Test
  void aRowThatNamesATagTheFileDoesNotHoldIsRefused() {
    // contact-one's row ends: tags 1, tag number 0, lists 1, list number 1, status, account
    byte[] bad = file.clone();
    int tagNumber = contactOnesAccountId() - 4;
    assertThat(bad[tagNumber]).as("contact-one's tag number").isZero();
    bad[tagNumber] = 5;
    assertFirstRowRefused(resealed(bad), "contacts", "contact-one", "tag number 5 of 2 names");
  }

  @Test
  void aRowWhoseAccountIdRunsPastItsEndIsRefused() {
    byte[] bad = file.clone();
    bad[contactOnesAccountId()]++; // one character more than the row holds
    assertFirstRowRefused(resealed(bad), "contacts", "contact-one",
        "account id of 12 characters runs past the row's end");
  }

  @Test
  void aFileLoadedByPathIsRefusedAlike() throws IOException {
    byte[] bad = patched("contacts", narrow("contact-one"), narrow("contact\none"));
    Path path = dir.resolve(NAME);
    Files.write(path, bad);
    assertThatThrownBy(() -> SnapshotFile.load(path))
        .isInstanceOfSatisfying(InvalidSnapshotException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
          assertThat(e.getMessage()).isEqualTo(path + ": " + refused(bad).detail());
        });
  }

  /**
   * Puts a newline in place of {@code name}'s {@code -} where the section holds it and checks the
   * message: at the byte where the name starts, {@code what} and the name, and the problem.
   */
  private static void assertRefused(String section, String name, String what) {
    byte[] bad = patched(section, narrow(name), narrow(name.replace('-', '\n')));
    InvalidSnapshotException e = refused(bad);
    assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
    assertThat(e).hasMessage(NAME + ": section \"" + section + "\" at byte "
        + offsetIn(section, narrow(name)) + ": " + what
        + " contains a control character (U+000A)");
  }

  /** Checks the message for the first row of {@code section}, that of {@code id}. */
  private static void assertFirstRowRefused(byte[] bad, String section, String id,
      String problem) {
    InvalidSnapshotException e = refused(bad);
    assertThat(e.problem()).isEqualTo(Problem.MALFORMED);
    assertThat(e.getMessage()).matches(Pattern.quote(NAME + ": section \"" + section
        + "\" at byte ") + "\\d+" + Pattern.quote(": row 0 (\"" + id + "\"): " + problem));
  }

  /** Where contact-one's row holds its account id (its length first) in the saved file. */
  private static int contactOnesAccountId() {
    return payloadStart("contacts") + offsetIn("contacts", rowString("account-one"));
  }

  private static SnapshotFile.Loaded load(byte[] bytes) throws IOException {
    return SnapshotFile.load(new ByteArrayInputStream(bytes), NAME);
  }

  private static InvalidSnapshotException refused(byte[] bytes) {
    try {
      SnapshotFile.Loaded loaded = load(bytes);
      throw new AssertionError("a snapshot with a bad name was loaded: " + loaded.summary());
    } catch (InvalidSnapshotException e) {
      return e;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A short string as the snapshot's payloads write one of ISO-8859-1 characters. */
  private static byte[] narrow(String s) {
    return withLength(s.length() << 1, s);
  }

  /** A short nullable ASCII string as a row (RowCodec) writes it: length + 1, then the chars. */
  private static byte[] rowString(String s) {
    return withLength(s.length() + 1, s);
  }

  private static byte[] withLength(int header, String s) {
    assertThat(header).isLessThan(0x80);
    byte[] chars = s.getBytes(StandardCharsets.ISO_8859_1);
    return ByteBuffer.allocate(chars.length + 1).put((byte) header).put(chars).array();
  }

  /** The saved file with {@code from}, found once in {@code section}, turned into {@code to}. */
  private static byte[] patched(String section, byte[] from, byte[] to) {
    assertThat(to).hasSameSizeAs(from);
    byte[] bad = file.clone();
    System.arraycopy(to, 0, bad, payloadStart(section) + offsetIn(section, from), to.length);
    return resealed(bad);
  }

  /** Where {@code bytes} are in the section's payload; they must be there once. */
  private static int offsetIn(String section, byte[] bytes) {
    int start = payloadStart(section);
    int length = sections(file).get(section);
    assertThat(length).as("a section of one chunk").isLessThan(CHUNK);
    int found = -1;
    for (int i = start; i + bytes.length <= start + length; i++) {
      if (Arrays.equals(file, i, i + bytes.length, bytes, 0, bytes.length)) {
        assertThat(found).as("the bytes are in section " + section + " once").isEqualTo(-1);
        found = i - start;
      }
    }
    assertThat(found).as("the bytes are in section " + section).isNotNegative();
    return found;
  }

  private static int payloadStart(String section) {
    int at = 20 + ByteBuffer.wrap(file).getInt(12);
    for (Map.Entry<String, Integer> e : sections(file).entrySet()) {
      if (e.getKey().equals(section)) {
        return at;
      }
      at += e.getValue() + 4 * ((e.getValue() + CHUNK - 1) / CHUNK);
    }
    throw new AssertionError("no section " + section);
  }

  /**
   * The sections the header lists and their payload lengths (snapshot format version 1: after
   * the 20-byte prelude, a header of flags u32, length u64, count u8, then per section a name of
   * u8 length and its payload length u64).
   */
  static Map<String, Integer> sections(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    Map<String, Integer> sections = new LinkedHashMap<>();
    int at = 20 + 12;
    int count = bytes[at++] & 0xFF;
    for (int i = 0; i < count; i++) {
      int n = bytes[at++] & 0xFF;
      String name = new String(bytes, at, n, StandardCharsets.US_ASCII);
      sections.put(name, Math.toIntExact(b.getLong(at + n)));
      at += n + 8;
    }
    return sections;
  }

  /** {@code bytes} with every chunk's checksum and the trailer computed again, in place. */
  static byte[] resealed(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int at = 20 + b.getInt(12);
    for (int payload : sections(bytes).values()) {
      for (int left = payload; left > 0; left -= CHUNK) {
        int n = Math.min(left, CHUNK);
        b.putInt(at + n, crc(bytes, at, n));
        at += n + 4;
      }
    }
    assertThat(at).isEqualTo(bytes.length - 4);
    b.putInt(at, crc(bytes, 0, at));
    return bytes;
  }

  private static int crc(byte[] bytes, int from, int n) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, from, n);
    return (int) crc.getValue();
  }
}
