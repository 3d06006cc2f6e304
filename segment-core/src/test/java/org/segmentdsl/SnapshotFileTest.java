package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.geoField;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.condition.Condition;

/** Save, load, answer alike, go on alike: the snapshot file API on a hand-made index. */
class SnapshotFileTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("score", FieldType.NUMBER)
      .contactField("birthday", FieldType.DATE)
      .contactField("signed_up", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("home", FieldType.GEO)
      .dealField("stage", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .accountField("industry", FieldType.STRING)
      .build();

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final EvaluationContext CTX = EvaluationContext.at(NOW);

  static final SegmentRegistry SAVED = SegmentRegistry.of(
      Segment.builder().id("engaged").name("Engaged").where(event("email_open").atLeast(2)).build(),
      Segment.builder().id("engaged-de").where(all(inSegment("engaged"),
          field("country").eq("DE"))).build());

  static final List<Condition> CONDITIONS = List.of(
      tag("vip"), tagStartsWith("interest-1"), list("news").subscribed(), list("news").bounced(),
      field("country").eq("DE"), numberField("score").gt(50), numberField("score").between(10, 60),
      dateField("birthday").anniversary(),
      dateField("birthday").lt(LocalDate.of(1990, 1, 1)),
      datetimeField("signed_up").inLast(Duration.ofDays(30)),
      booleanField("vip").isTrue(), geoField("home").withinKm(52.5, 13.4, 50),
      event("email_open"), event("email_open").atLeast(3).inLast(Duration.ofDays(30)),
      event("purchase").where(prop("sku").eq("p-1")), event("email_open").never(),
      deal(all(field("stage").eq("won"), numberField("value").gte(1000))),
      account(field("industry").eq("saas")), inSegment("engaged-de"),
      not(any(tag("vip"), field("country").eq("FR"))));

  /** 300 contacts with every kind of data, some removed, in several batches. */
  static ContactIndex sample(long seed) {
    Random random = new Random(seed);
    ContactIndex index = ContactIndex.create(SCHEMA);
    String[] countries = {"DE", "FR", "US", "BR"};
    index.update(b -> {
      b.upsertAccount(Account.builder("acme").field("industry", "saas").build());
      b.upsertAccount(Account.builder("bolt").field("industry", "retail").build());
    });
    for (int batch = 0; batch < 6; batch++) {
      index.update(b -> {
        for (int i = 0; i < 60; i++) {
          String id = "c" + random.nextInt(300);
          Contact.Builder c = Contact.builder(id)
              .field("country", countries[random.nextInt(countries.length)])
              .field("score", random.nextInt(100))
              .field("birthday", LocalDate.of(1970 + random.nextInt(40), 11 + random.nextInt(2),
                  1 + random.nextInt(28)))
              .field("signed_up", NOW.minusSeconds(random.nextInt(90 * 86_400)))
              .field("vip", random.nextBoolean());
          if (random.nextInt(3) == 0) {
            c.field("home", new GeoPoint(50 + random.nextDouble() * 5, 10 + random.nextDouble() * 5));
          }
          if (random.nextBoolean()) {
            c.tags("vip");
          }
          c.tags("interest-" + random.nextInt(5));
          c.list("news", ListStatus.values()[random.nextInt(4)]);
          if (random.nextInt(4) == 0) {
            c.account(random.nextBoolean() ? "acme" : "bolt");
          }
          b.upsert(c.build());
          for (int e = random.nextInt(4); e > 0; e--) {
            Instant at = NOW.minusMillis((long) random.nextInt(60 * 86_400) * 1000 + e);
            b.record(random.nextBoolean() ? Event.of(id, "email_open", at)
                : Event.of(id, "purchase", at, Map.of("sku", "p-" + random.nextInt(3))));
          }
          if (random.nextInt(5) == 0) {
            b.upsertDeal(Deal.builder("d" + random.nextInt(100), id)
                .field("stage", random.nextBoolean() ? "won" : "lost")
                .field("value", random.nextInt(3000)).build());
          }
        }
      });
      index.update(b -> {
        for (int i = 0; i < 5; i++) {
          String id = "c" + random.nextInt(300);
          if (index.snapshot().containsContact(id)) {
            b.remove(id);
          }
        }
      });
    }
    return index;
  }

  static byte[] bytes(ContactIndex index, SegmentRegistry saved) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFile.save(index, saved, out);
    return out.toByteArray();
  }

  static SnapshotFile.Loaded load(byte[] bytes) throws IOException {
    return SnapshotFile.load(new ByteArrayInputStream(bytes), "test.snapshot");
  }

  static void assertSameAnswers(ContactIndex expected, ContactIndex actual) {
    EvaluationContext ctx = CTX.withSegments(SAVED);
    for (Condition c : CONDITIONS) {
      assertThat(actual.evaluate(c, ctx).ids()).as("%s", c)
          .containsExactlyElementsOf(expected.evaluate(c, ctx).ids());
    }
  }

  @Test
  void aLoadedIndexAnswersLikeTheSavedOneInTheSameOrder() throws IOException {
    ContactIndex index = sample(1);
    byte[] file = bytes(index, SAVED);
    SnapshotFile.Loaded loaded = load(file);

    assertThat(loaded.segments()).isEqualTo(SAVED);
    assertThat(loaded.index().schema()).isEqualTo(SCHEMA);
    assertThat(loaded.index().size()).isEqualTo(index.size());
    assertThat(loaded.summary().contacts()).isEqualTo(index.size());
    assertThat(loaded.summary().bytes()).isEqualTo(file.length);
    assertThat(loaded.summary().segments()).isEqualTo(2);
    assertThat(loaded.summary().events()).isPositive();
    assertSameAnswers(index, loaded.index());
    // every condition matches someone and misses someone, so the comparison means something
    for (Condition c : CONDITIONS) {
      int n = index.evaluate(c, CTX.withSegments(SAVED)).count();
      assertThat(n).as("%s", c).isBetween(1, index.size() - 1);
    }
  }

  @Test
  void savingALoadedIndexGivesTheSameBytes() throws IOException {
    byte[] file = bytes(sample(2), SAVED);
    assertThat(bytes(load(file).index(), SAVED)).isEqualTo(file);
  }

  @Test
  void aLoadedIndexGoesOnLikeTheSavedOne() throws IOException {
    ContactIndex index = sample(3);
    ContactIndex loaded = load(bytes(index, SAVED)).index();
    String removed = null;
    for (int i = 0; i < 300 && removed == null; i++) {
      if (!index.snapshot().containsContact("c" + i)) {
        removed = "c" + i;
      }
    }
    assertThat(removed).as("the sample removes some contacts").isNotNull();
    String back = removed;
    for (ContactIndex each : List.of(index, loaded)) {
      each.update(b -> b
          .upsert(Contact.builder(back).tags("vip").field("country", "DE").build())
          .upsert(Contact.builder("new-1").tags("vip").build())
          .record(Event.of("new-1", "email_open", NOW.minusSeconds(60)))
          .record(Event.of("new-1", "email_open", NOW.minusSeconds(30)))
          .upsertDeal(Deal.builder("d-new", "new-1").field("stage", "won")
              .field("value", 5000).build()));
      each.compact();
    }
    assertSameAnswers(index, loaded);
    // the contact removed and added again is back in its first place, in both
    assertThat(loaded.evaluate(tag("vip"), CTX).ids())
        .containsExactlyElementsOf(index.evaluate(tag("vip"), CTX).ids());
  }

  @Test
  void aSaveHoldsOneCommittedStateWhileAWriterGoesOn() throws Exception {
    ContactIndex index = sample(6);
    int before = index.size();
    java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
    java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
    Thread writer = new Thread(() -> {
      for (int i = 0; writing.get(); i++) {
        int n = i;
        // each batch adds two contacts and an event each: a file has both or neither
        index.update(b -> b
            .upsert(Contact.builder("a-" + n).tags("pair").build())
            .upsert(Contact.builder("b-" + n).tags("pair").build())
            .record(Event.of("a-" + n, "email_open", NOW))
            .record(Event.of("b-" + n, "email_open", NOW)));
        batches.incrementAndGet();
      }
    });
    writer.start();
    try {
      for (int round = 0; round < 20; round++) {
        ContactIndex loaded = load(bytes(index, SAVED)).index();
        List<String> pairs = loaded.evaluate(tag("pair"), CTX).ids();
        int k = pairs.size() / 2;
        assertThat(pairs).as("round %d: whole batches, in commit order", round).hasSize(2 * k);
        for (int i = 0; i < k; i++) {
          assertThat(pairs.subList(2 * i, 2 * i + 2)).containsExactly("a-" + i, "b-" + i);
        }
        assertThat(loaded.size()).isEqualTo(before + 2 * k);
        assertThat(loaded.evaluate(all(tag("pair"), event("email_open").inLast(Duration.ofDays(1))),
            CTX).count()).isEqualTo(2 * k);
      }
    } finally {
      writing.set(false);
      writer.join();
    }
    assertThat(batches.get()).as("the writer committed while the saves ran").isPositive();
  }

  @Test
  void anEmptyIndexRoundTrips() throws IOException {
    ContactIndex empty = ContactIndex.create(SCHEMA);
    SnapshotFile.Loaded loaded = load(bytes(empty, SegmentRegistry.empty()));
    assertThat(loaded.index().size()).isZero();
    assertThat(loaded.segments().size()).isZero();
    loaded.index().upsert(Contact.builder("a").tags("vip").build());
    assertThat(loaded.index().evaluate(tag("vip"), CTX).ids()).containsExactly("a");
  }

  @Test
  void savingToAPathReplacesTheFileAndLeavesNoTemporaryFile(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("contacts.snapshot");
    ContactIndex index = sample(4);
    SnapshotFile.Summary first = SnapshotFile.save(index, SAVED, file);
    assertThat(Files.size(file)).isEqualTo(first.bytes());
    index.upsert(Contact.builder("late").tags("vip").build());
    SnapshotFile.save(index, SegmentRegistry.empty(), file);
    SnapshotFile.Loaded loaded = SnapshotFile.load(file);
    assertThat(loaded.index().snapshot().containsContact("late")).isTrue();
    assertThat(loaded.segments().size()).isZero();
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aSaveDeletesTheTemporaryFilesOfKilledSavesButNotFreshOnes(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("contacts.snapshot");
    Path stale = Files.write(dir.resolve(".contacts.snapshot.dead.tmp"), new byte[10]);
    Files.setLastModifiedTime(stale,
        java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(3600)));
    Path fresh = Files.write(dir.resolve(".contacts.snapshot.running.tmp"), new byte[10]);
    Path other = Files.write(dir.resolve(".other.snapshot.dead.tmp"), new byte[10]);
    Files.setLastModifiedTime(other,
        java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(3600)));
    SnapshotFile.save(sample(7), SAVED, file);
    assertThat(stale).doesNotExist();
    assertThat(fresh).exists(); // a save that may still be running
    assertThat(other).exists(); // another target's
    assertThat(SnapshotFile.load(file).index().size()).isPositive();
  }

  @Test
  void damageIsAnInvalidSnapshotExceptionNamingTheFile(@TempDir Path dir) throws IOException {
    byte[] file = bytes(sample(5), SAVED);
    file[file.length / 2] ^= 0x10;
    Path path = dir.resolve("bad.snapshot");
    Files.write(path, file);
    assertThatThrownBy(() -> SnapshotFile.load(path))
        .isInstanceOfSatisfying(InvalidSnapshotException.class, e -> {
          assertThat(e.problem()).isEqualTo(InvalidSnapshotException.Problem.CHECKSUM);
          assertThat(e.getMessage()).startsWith(path + ": checksum mismatch in section");
        });
  }
}
