package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.segmentdsl.condition.Condition;

/**
 * A batch whose last mutation is bad leaves the index exactly as it was: same snapshot, same
 * members for every segment, and no trace in the rows later batches start from.
 */
class BatchAtomicityTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("score", FieldType.NUMBER)
      .contactField("plan", FieldType.STRING)
      .contactField("signup", FieldType.DATE)
      .contactField("seen", FieldType.DATETIME)
      .contactField("active", FieldType.BOOLEAN)
      .build();

  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  /** Segments whose members are compared before and after a failed batch. */
  static final Map<String, Condition> SEGMENTS = new LinkedHashMap<>();

  static {
    SEGMENTS.put("everyone", all());
    SEGMENTS.put("hot", tag("hot"));
    SEGMENTS.put("vip", tag("vip"));
    SEGMENTS.put("late", tag("late"));
    SEGMENTS.put("score >= 100", numberField("score").gte(100));
    SEGMENTS.put("score set", numberField("score").isSet());
    SEGMENTS.put("plan pro", field("plan").eq("pro"));
    SEGMENTS.put("plan enterprise", field("plan").eq("enterprise"));
    SEGMENTS.put("plan set", field("plan").isSet());
    SEGMENTS.put("subscribed", list("news").subscribed());
    SEGMENTS.put("on news", list("news").anyStatus());
    SEGMENTS.put("signed up 2025", dateField("signup").between(
        LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));
    SEGMENTS.put("seen set", datetimeField("seen").isSet());
    SEGMENTS.put("active", booleanField("active").isTrue());
    SEGMENTS.put("mixed", all(any(tag("vip"), field("plan").eq("pro")),
        numberField("score").between(10, 60), list("news").subscribed(), not(tag("hot"))));
    SEGMENTS.put("not mixed", not(all(any(tag("vip"), field("plan").eq("pro")),
        numberField("score").between(10, 60), list("news").subscribed(), not(tag("hot")))));
  }

  private ContactIndex index;

  @BeforeEach
  void seed() {
    index = ContactIndex.create(SCHEMA);
    index.update(b -> {
      for (int i = 1; i <= 10; i++) {
        Contact.Builder c = Contact.builder("c-" + i)
            .field("score", i * 10)
            .field("plan", i % 2 == 0 ? "pro" : "free")
            .field("signup", LocalDate.of(2024 + i % 3, i, i))
            .field("seen", Instant.parse("2026-11-01T00:00:00Z").plusSeconds(3600L * i))
            .field("active", i % 3 != 0)
            .list("news", i % 4 == 0 ? ListStatus.UNSUBSCRIBED : ListStatus.SUBSCRIBED);
        if (i % 3 == 0) {
          c.tags("vip");
        }
        b.upsert(c.build());
      }
    });
  }

  /** Valid changes touching every kind of structure, made before the bad mutation. */
  private static void validChanges(IndexBatch b) {
    b.upsert(Contact.builder("new-1").tags("hot", "vip").field("score", 500)
            .field("plan", "pro").field("active", true).list("news", ListStatus.SUBSCRIBED)
            .build())
        .remove("c-2")
        .addTag("c-3", "hot")
        .removeTag("c-3", "vip")
        .setField("c-4", "score", 999)
        .setField("c-5", "plan", "enterprise")
        .clearField("c-6", "plan")
        .setField("c-6", "signup", LocalDate.of(2025, 6, 6))
        .setField("c-7", "active", false)
        .clearField("c-7", "seen")
        .setListStatus("c-8", "news", ListStatus.SUBSCRIBED)
        .leaveList("c-9", "news")
        .upsert(Contact.builder("c-10").tags("late").field("score", 1).build());
  }

  /** A bad last mutation, the contact and field its error must name, and a message fragment. */
  record BadInput(String name, Consumer<IndexBatch> op, String contact, String field,
      String fragment) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<BadInput> badInputs() {
    return Stream.of(
        new BadInput("setField of an unknown field", b -> b.setField("c-1", "scroe", 5),
            "c-1", "scroe", "did you mean \"score\""),
        new BadInput("clearField of an unknown field", b -> b.clearField("c-3", "plna"),
            "c-3", "plna", "did you mean \"plan\""),
        new BadInput("upsert with an unknown field",
            b -> b.upsert(Contact.builder("new-2").field("sigup", LocalDate.of(2025, 1, 1))
                .build()),
            "new-2", "sigup", "did you mean \"signup\""),
        new BadInput("String for a number field", b -> b.setField("c-1", "score", "12"),
            "c-1", "score", "String \"12\""),
        new BadInput("Integer for a date field", b -> b.setField("c-6", "signup", 20250101),
            "c-6", "signup", "Integer"),
        new BadInput("LocalDate for a datetime field",
            b -> b.setField("c-1", "seen", LocalDate.of(2026, 1, 1)), "c-1", "seen", "LocalDate"),
        new BadInput("String for a boolean field in an upsert",
            b -> b.upsert(Contact.builder("c-1").field("active", "yes").build()),
            "c-1", "active", "String \"yes\""),
        new BadInput("NaN number", b -> b.setField("c-4", "score", Double.NaN),
            "c-4", "score", "NaN"),
        new BadInput("infinite number",
            b -> b.upsert(Contact.builder("new-2").field("score", Double.POSITIVE_INFINITY)
                .build()),
            "new-2", "score", "Infinity"),
        new BadInput("empty contact id in addTag", b -> b.addTag("", "hot"),
            "", null, "non-empty"),
        new BadInput("empty contact id in remove", b -> b.remove(""), "", null, "non-empty"),
        new BadInput("empty contact id in upsert",
            b -> b.upsert(Contact.builder("").tags("hot").build()), "", null, "non-empty"),
        new BadInput("null contact id in setField", b -> b.setField(null, "score", 1),
            null, null, "non-empty"),
        new BadInput("null contact id in setListStatus",
            b -> b.setListStatus(null, "news", ListStatus.SUBSCRIBED), null, null, "non-empty"),
        new BadInput("null contact id in remove", b -> b.remove(null), null, null, "non-empty"),
        new BadInput("addTag on an unknown contact", b -> b.addTag("ghost", "hot"),
            "ghost", null, "no such contact"),
        new BadInput("setField on an unknown contact", b -> b.setField("ghost", "score", 1),
            "ghost", null, "no such contact"),
        new BadInput("setListStatus on an unknown contact",
            b -> b.setListStatus("ghost", "news", ListStatus.SUBSCRIBED),
            "ghost", null, "no such contact"),
        new BadInput("removeTag on an unknown contact", b -> b.removeTag("ghost", "vip"),
            "ghost", null, "no such contact"),
        new BadInput("leaveList on an unknown contact", b -> b.leaveList("ghost", "news"),
            "ghost", null, "no such contact"),
        new BadInput("addTag on a contact removed earlier in the batch",
            b -> b.addTag("c-2", "hot"), "c-2", null, "no such contact"),
        new BadInput("empty tag", b -> b.addTag("c-1", ""), "c-1", null, "tags must be non-empty"),
        new BadInput("null tag", b -> b.addTag("c-3", null), "c-3", null, "tags must be non-empty"),
        new BadInput("empty tag to remove", b -> b.removeTag("c-1", ""), "c-1", null,
            "tags must be non-empty"),
        new BadInput("empty tag in an upsert",
            b -> b.upsert(Contact.builder("new-2").tags("ok", "").build()), "new-2", null,
            "tags must be non-empty"),
        new BadInput("empty list name", b -> b.setListStatus("c-1", "", ListStatus.SUBSCRIBED),
            "c-1", null, "list names must be non-empty"),
        new BadInput("null list status", b -> b.setListStatus("c-1", "news", null),
            "c-1", null, "status must not be null"),
        // the names rule (Names): no control characters, valid Unicode, at most 1,024 characters
        new BadInput("a line break in a contact id in upsert",
            b -> b.upsert(Contact.builder("c1\nc2").tags("hot").build()), "c1\nc2", null,
            "the id contains a control character (U+000A)"),
        new BadInput("DEL in a contact id in remove", b -> b.remove("c-1\u007f"), "c-1\u007f",
            null, "remove: the contact id contains a control character (U+007F)"),
        new BadInput("a NUL in a contact id in addTag", b -> b.addTag("c-1\u0000", "hot"),
            "c-1\u0000", null, "addTag: the contact id contains a control character (U+0000)"),
        new BadInput("a line break in a tag", b -> b.addTag("c-1", "a\nb"), "c-1", null,
            "tag \"a\\nb\" contains a control character (U+000A)"),
        new BadInput("a C1 control in a list name",
            b -> b.setListStatus("c-1", "news\u0085", ListStatus.SUBSCRIBED), "c-1", null,
            "list name \"news\\u0085\" contains a control character (U+0085)"),
        new BadInput("an unpaired surrogate in a tag of an upsert",
            b -> b.upsert(Contact.builder("new-2").tags("ok", "\ud800").build()), "new-2", null,
            "tag \"\\ud800\" contains an unpaired surrogate (U+D800)"),
        new BadInput("a tag over 1,024 characters", b -> b.addTag("c-1", "x".repeat(1025)),
            "c-1", null, "is 1025 characters long; at most 1024 allowed"),
        new BadInput("a tab in an account id", b -> b.setAccount("c-1", "acme\t"), "c-1", null,
            "account id \"acme\\t\" contains a control character (U+0009)"),
        new BadInput("a tab in an event type",
            b -> b.record(Event.of("c-1", "email\topen", Instant.parse("2026-11-01T00:00:00Z"))),
            "c-1", null, "event type \"email\\topen\" contains a control character (U+0009)"),
        new BadInput("an event property named \"\"",
            b -> b.record(Event.of("c-1", "click", Instant.parse("2026-11-01T00:00:00Z"),
                Map.of("", 1))), "c-1", null, "property names must be non-empty"),
        new BadInput("a line break in an event property name",
            b -> b.record(Event.of("c-1", "click", Instant.parse("2026-11-01T00:00:00Z"),
                Map.of("a\nb", 1))), "c-1", null,
            "property name \"a\\nb\" contains a control character (U+000A)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badLastMutationDropsTheWholeBatch(BadInput bad) {
    IndexSnapshot before = index.snapshot();
    Map<String, List<String>> membersBefore = members(before);

    InvalidContactException e = assertThrows(InvalidContactException.class,
        () -> index.update(b -> {
          validChanges(b);
          bad.op().accept(b);
        }));

    String named = bad.contact() == null ? "contact (no id)" : "contact " + Names.quote(bad.contact());
    assertThat(e.getMessage()).startsWith(named).contains(bad.fragment()).doesNotContain("\n");
    assertThat(e.contactId()).isEqualTo(bad.contact());
    assertThat(e.field()).isEqualTo(bad.field());
    if (bad.field() != null) {
      assertThat(e.getMessage()).contains("field \"" + bad.field() + "\"");
    }

    assertUnchanged(before, membersBefore);

    // the writer's rows are untouched too: the next batch starts from the state before
    IndexSnapshot next = index.update(b -> b.setField("c-1", "plan", "enterprise")
        .upsert(Contact.builder("new-3").field("score", 5).build()));
    assertThat(next.version()).isEqualTo(before.version() + 1);
    Map<String, List<String>> expected = new LinkedHashMap<>(membersBefore);
    expected.put("everyone", List.of("c-1", "c-2", "c-3", "c-4", "c-5", "c-6", "c-7", "c-8",
        "c-9", "c-10", "new-3"));
    expected.put("score set", expected.get("everyone"));
    expected.put("plan pro", List.of("c-2", "c-4", "c-6", "c-8", "c-10"));
    expected.put("plan enterprise", List.of("c-1"));
    expected.put("not mixed", concat(membersBefore.get("not mixed"), "new-3"));
    assertThat(members(next)).isEqualTo(expected);
    assertThat(next.containsContact("new-1")).isFalse();
    assertThat(next.containsContact("new-2")).isFalse();
  }

  @Test
  void dealAndAccountIdsThatBreakTheNamesRuleDropTheWholeBatch() {
    IndexSnapshot before = index.snapshot();
    Map<String, List<String>> membersBefore = members(before);
    Map<String, Consumer<IndexBatch>> bad = new LinkedHashMap<>();
    bad.put("deal \"d\\n1\": the id contains a control character (U+000A)",
        b -> b.upsertDeal(Deal.builder("d\n1", "c-1").build()));
    bad.put("deal \"d-1\": the contact id \"c-1\\r\" contains a control character (U+000D)",
        b -> b.upsertDeal(Deal.builder("d-1", "c-1\r").build()));
    bad.put("account \"acme\\u0000\": the id contains a control character (U+0000)",
        b -> b.upsertAccount(Account.builder("acme\u0000").build()));
    bad.put("account \"\\udc00\": the id contains an unpaired surrogate (U+DC00)",
        b -> b.removeAccount("\udc00"));
    bad.put("deal \"d\\u009f\": the id contains a control character (U+009F)",
        b -> b.removeDeal("d\u009f"));
    bad.forEach((message, op) -> {
      InvalidEntityException e = assertThrows(InvalidEntityException.class,
          () -> index.update(b -> {
            validChanges(b);
            op.accept(b);
          }), message);
      assertThat(e.getMessage()).isEqualTo(message);
      assertUnchanged(before, membersBefore);
    });
  }

  @Test
  void theSeedIsWhatTheOtherTestsAssume() {
    IndexSnapshot s = index.snapshot();
    assertThat(s.size()).isEqualTo(10);
    assertThat(members(s).get("vip")).containsExactly("c-3", "c-6", "c-9");
    assertThat(members(s).get("score >= 100")).containsExactly("c-10");
    assertThat(members(s).get("hot")).isEmpty();
    assertThat(members(s).get("subscribed")).hasSize(8);
    // the valid changes alone do commit, and change what the failing tests say stays unchanged
    IndexSnapshot after = index.update(BatchAtomicityTest::validChanges);
    assertThat(after.version()).isEqualTo(s.version() + 1);
    assertThat(members(after).get("everyone")).containsExactly("c-1", "c-3", "c-4", "c-5", "c-6",
        "c-7", "c-8", "c-9", "c-10", "new-1");
    assertThat(members(after).get("hot")).containsExactly("c-3", "new-1");
    assertThat(members(after).get("score >= 100")).containsExactly("c-4", "new-1");
    assertThat(members(after).get("plan enterprise")).containsExactly("c-5");
    assertThat(members(after).get("late")).containsExactly("c-10");
    for (String name : SEGMENTS.keySet()) {
      if (!name.contains("mixed")) {
        assertThat(members(after).get(name)).as(name).isNotEqualTo(members(s).get(name));
      }
    }
  }

  @Test
  void anyExceptionFromTheCallbackDropsTheWholeBatch() {
    IndexSnapshot before = index.snapshot();
    Map<String, List<String>> membersBefore = members(before);
    RuntimeException boom = new RuntimeException("boom");
    RuntimeException thrown = assertThrows(RuntimeException.class, () -> index.update(b -> {
      validChanges(b);
      throw boom;
    }));
    assertSame(boom, thrown);
    assertUnchanged(before, membersBefore);
  }

  @Test
  void updateFromInsideAnUpdateCallbackThrowsAndDropsTheOuterBatch() throws Exception {
    IndexSnapshot before = index.snapshot();
    Map<String, List<String>> membersBefore = members(before);

    IllegalStateException nested = assertThrows(IllegalStateException.class,
        () -> index.update(b -> {
          validChanges(b);
          index.update(inner -> inner.addTag("c-1", "hot"));
        }));
    assertThat(nested.getMessage()).contains("inside an update");
    assertUnchanged(before, membersBefore);

    assertThrows(IllegalStateException.class, () -> index.update(b -> {
      b.addTag("c-1", "hot");
      index.upsert(Contact.builder("new-9").build());
    }));
    assertThrows(IllegalStateException.class, () -> index.update(b -> {
      b.addTag("c-1", "hot");
      index.remove("c-1");
    }));
    assertUnchanged(before, membersBefore);

    // the write lock was released: another thread can commit
    IndexSnapshot fromOtherThread = CompletableFuture
        .supplyAsync(() -> index.update(b -> b.addTag("c-1", "hot")))
        .get(10, TimeUnit.SECONDS);
    assertThat(fromOtherThread.version()).isEqualTo(before.version() + 1);
    assertThat(fromOtherThread.evaluate(tag("hot"), CTX).ids()).containsExactly("c-1");
  }

  @Test
  void aBatchCannotBeUsedAfterItsUpdateReturned() {
    AtomicReference<IndexBatch> leaked = new AtomicReference<>();
    IndexSnapshot committed = index.update(b -> {
      leaked.set(b);
      b.addTag("c-1", "hot");
    });
    AtomicReference<IndexBatch> leakedFromFailure = new AtomicReference<>();
    assertThrows(InvalidContactException.class, () -> index.update(b -> {
      leakedFromFailure.set(b);
      b.addTag("c-2", "hot").addTag("ghost", "hot");
    }));
    assertSame(committed, index.snapshot());
    Map<String, List<String>> membersBefore = members(committed);
    assertThat(membersBefore.get("hot")).containsExactly("c-1");

    for (IndexBatch b : List.of(leaked.get(), leakedFromFailure.get())) {
      List<Runnable> uses = List.of(
          () -> b.upsert(Contact.builder("late-1").tags("late").build()),
          () -> b.remove("c-1"),
          () -> b.addTag("c-1", "late"),
          () -> b.removeTag("c-1", "hot"),
          () -> b.setField("c-1", "score", 1234),
          () -> b.clearField("c-1", "score"),
          () -> b.setListStatus("c-1", "news", ListStatus.BOUNCED),
          () -> b.leaveList("c-1", "news"));
      for (Runnable use : uses) {
        IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
        assertThat(e.getMessage()).contains("batch has ended");
      }
    }
    assertUnchanged(committed, membersBefore);

    // nothing of the refused calls shows up in the next batch either
    IndexSnapshot next = index.update(b -> b.addTag("c-2", "vip"));
    assertThat(next.version()).isEqualTo(committed.version() + 1);
    assertThat(next.evaluate(tag("late"), CTX).count()).isZero();
    assertThat(next.evaluate(tag("hot"), CTX).ids()).containsExactly("c-1");
    assertThat(next.evaluate(numberField("score").eq(1234), CTX).count()).isZero();
    assertThat(next.evaluate(list("news").anyStatus(), CTX).ids()).contains("c-1");
    assertThat(next.containsContact("late-1")).isFalse();
  }

  private void assertUnchanged(IndexSnapshot before, Map<String, List<String>> membersBefore) {
    IndexSnapshot now = index.snapshot();
    assertSame(before, now, "the index published no new snapshot");
    assertThat(now.version()).isEqualTo(before.version());
    assertThat(index.size()).isEqualTo(before.size());
    assertThat(members(now)).isEqualTo(membersBefore);
    assertThat(members(before)).isEqualTo(membersBefore);
    assertThat(now.containsContact("new-1")).isFalse();
    assertThat(now.containsContact("c-2")).isTrue();
  }

  private static Map<String, List<String>> members(IndexSnapshot s) {
    Map<String, List<String>> members = new LinkedHashMap<>();
    SEGMENTS.forEach((name, c) -> members.put(name, List.copyOf(s.evaluate(c, CTX).ids())));
    return members;
  }

  private static List<String> concat(List<String> list, String last) {
    return Stream.concat(list.stream(), Stream.of(last)).toList();
  }
}
