package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segmentdsl.LintFinding.Code;
import org.segmentdsl.condition.Condition;

/**
 * {@link IndexSnapshot#lint}: each code where it must be reported, at the pointer insight.md
 * gives, and the near misses where it must not be (a contradiction that depends on the data, a
 * tautology that leaves out contacts without the field, a name present in another case...).
 */
class LintTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("size", FieldType.NUMBER)
      .contactField("signup", FieldType.DATE)
      .contactField("seen", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .dealField("stage", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .accountField("industry", FieldType.STRING)
      .build();
  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));
  static final IndexSnapshot SNAPSHOT = index();

  private static IndexSnapshot index() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b
        .upsertAccount(Account.builder("acme").field("industry", "Retail").build())
        .upsert(Contact.builder("c1").tags("status-lead", "interest-crm")
            .list("newsletter", ListStatus.SUBSCRIBED).field("country", "US").field("size", 10)
            .field("signup", LocalDate.of(2026, 1, 5)).field("vip", true).account("acme").build())
        .upsert(Contact.builder("c2").tags("status-customer").field("country", "de")
            .field("size", 500).field("seen", Instant.parse("2026-11-01T00:00:00Z")).build())
        .upsert(Contact.builder("c3").build())
        .upsertDeal(Deal.builder("d1", "c1").field("stage", "Won").field("value", 5000).build())
        .record(Event.of("c1", "email_open", Instant.parse("2026-11-20T00:00:00Z"))));
    return index.snapshot();
  }

  private static List<String> lint(Condition c) {
    return SNAPSHOT.lint(Segment.of(c), CTX).stream().map(LintFinding::toString).toList();
  }

  private static List<Code> codes(Condition c) {
    return SNAPSHOT.lint(Segment.of(c), CTX).stream().map(LintFinding::code).toList();
  }

  // a condition that some contacts match and others do not: no empty/everyone noise
  static final Condition SOME = tag("status-lead");

  @Test
  void neverMatchesOnValuesAndRangesOfOneField() {
    assertThat(lint(any(SOME, all(field("country").eq("US"), field("country").eq("FR")))))
        .singleElement().asString().startsWith("/where/any/1: never-matches: ")
        .contains("\"country\"", "eq \"US\"", "eq \"FR\"");
    assertThat(codes(any(SOME, all(numberField("size").between(10, 20),
        numberField("size").gt(50))))).containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(numberField("size").gt(5), numberField("size").lt(5)))))
        .containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(numberField("size").gte(5), numberField("size").lt(5)))))
        .containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(numberField("size").in(1, 2), numberField("size").notIn(1, 2)))))
        .containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(field("country").isNotSet(), field("country").neq("US")))))
        .containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(booleanField("vip").isTrue(), booleanField("vip").isFalse()))))
        .containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(dateField("signup").gt(LocalDate.of(2026, 1, 5)),
        dateField("signup").lt(LocalDate.of(2026, 1, 6)))))).containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(field("country").in("US", "FR"),
        field("country").ignoringCase().eq("it"))))).containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(field("country").eq("US"), field("country").startsWith("D")))))
        .containsExactly(Code.NEVER_MATCHES);
    // below deal: one deal cannot be in two stages
    assertThat(lint(any(SOME, deal(all(field("stage").eq("Won"), field("stage").eq("Lost"))))))
        .singleElement().asString().startsWith("/where/any/1/deal: never-matches: ");
  }

  @Test
  void noNeverMatchesWhereSomeValueCouldMatch() {
    assertThat(lint(any(SOME, all(numberField("size").gte(5), numberField("size").lte(5)))))
        .isEmpty();
    assertThat(lint(any(SOME, all(numberField("size").gt(5), numberField("size").lt(5.0001)))))
        .isEmpty();
    assertThat(lint(any(SOME, all(field("country").ignoringCase().eq("us"),
        field("country").eq("US"))))).isEmpty();
    assertThat(lint(any(SOME, all(field("country").neq("US"), field("country").neq("DE")))))
        .isEmpty();
    assertThat(lint(any(SOME, all(field("country").isSet(), field("country").neq("US")))))
        .isEmpty();
    // same deal or not, two stages on two deals may both hold: not reported
    assertThat(lint(any(SOME, all(deal(field("stage").eq("Won")),
        deal(field("stage").eq("Lost")))))).isEmpty();
    // different fields; relative dates are not reasoned about
    assertThat(lint(any(SOME, all(field("country").eq("US"), numberField("size").gt(50)))))
        .isEmpty();
    assertThat(lint(any(SOME, all(dateField("signup").inLast(Period.ofDays(3)),
        dateField("signup").olderThan(Period.ofDays(30)))))).isEmpty();
    assertThat(lint(any(SOME, all(datetimeField("seen").gt(Instant.parse("2026-01-01T00:00:00Z")),
        datetimeField("seen").lt(Instant.parse("2026-01-01T00:00:00.001Z")))))).isEmpty();
  }

  @Test
  void alwaysMatchesOnAConditionAndItsNegation() {
    assertThat(lint(all(SOME, any(tag("interest-crm"), not(tag("interest-crm"))))))
        .singleElement().asString().startsWith("/where/all/1: always-matches: ");
    assertThat(codes(all(SOME, any(field("country").isSet(), field("country").isNotSet()))))
        .containsExactly(Code.ALWAYS_MATCHES);
    assertThat(codes(all(SOME, any(event("email_open").never(), event("email_open")))))
        .containsExactly(Code.ALWAYS_MATCHES);
    assertThat(codes(all(SOME, any(event("email_open").atMost(2),
        event("email_open").atLeast(3))))).containsExactly(Code.ALWAYS_MATCHES);
    // and in an all, counts that exclude each other
    assertThat(codes(any(SOME, all(event("email_open").atLeast(3),
        event("email_open").atMost(2))))).containsExactly(Code.NEVER_MATCHES);
    assertThat(codes(any(SOME, all(tag("interest-crm"), not(tag("interest-crm"))))))
        .containsExactly(Code.NEVER_MATCHES);
  }

  @Test
  void noAlwaysMatchesThatLeavesSomeoneOut() {
    // a contact without a country is neither "US" nor "not US" as a field condition
    assertThat(lint(all(SOME, any(field("country").eq("US"), field("country").neq("US")))))
        .isEmpty();
    // the counts leave out exactly 2 events
    assertThat(lint(all(SOME, any(event("email_open").atMost(1),
        event("email_open").atLeast(3))))).isEmpty();
    // different windows
    assertThat(lint(all(SOME, any(event("email_open").never(),
        event("email_open").inLast(Period.ofDays(10)))))).isEmpty();
    // the negation of another condition
    assertThat(lint(all(SOME, any(tag("interest-crm"), not(tag("status-customer"))))))
        .isEmpty();
  }

  @Test
  void emptyGroupsAreConstant() {
    assertThat(lint(any(SOME, all()))).containsExactly(
        "/where/any/1: always-matches: an empty all matches every contact",
        "/where: everyone: the segment matches every contact now (3)");
    assertThat(lint(all(SOME, any()))).containsExactly(
        "/where/all/1: never-matches: an empty any matches no contact",
        "/where: empty: the segment matches no contact now (of 3)");
  }

  @Test
  void unknownNamesWithTheClosestKnownOne() {
    assertThat(lint(any(SOME, tag("sttus-lead")))).containsExactly(
        "/where/any/1: unknown-tag: no contact carries the tag \"sttus-lead\"; did you mean "
            + "\"status-lead\"?");
    assertThat(lint(any(SOME, tag("zq-unheard-of")))).singleElement().asString()
        .startsWith("/where/any/1: unknown-tag: ").doesNotContain("did you mean");
    assertThat(lint(any(SOME, list("newsleter").subscribed()))).containsExactly(
        "/where/any/1: unknown-list: no contact is on the list \"newsleter\"; did you mean "
            + "\"newsletter\"?");
    assertThat(lint(any(SOME, event("emial_open")))).containsExactly(
        "/where/any/1: unknown-event: no event of type \"emial_open\" was ever recorded; "
            + "did you mean \"email_open\"?");
    // three edits away: no suggestion
    assertThat(lint(any(SOME, event("mail_opn_x")))).singleElement().asString()
        .doesNotContain("did you mean");
    // event("x").never() matches everyone: reported as unknown and as everyone
    assertThat(codes(event("emial_click").never()))
        .containsExactly(Code.UNKNOWN_EVENT, Code.EVERYONE);
  }

  @Test
  void noUnknownNameForNamesTheIndexHas() {
    assertThat(lint(any(SOME, tag("STATUS-LEAD").ignoringCase()))).isEmpty();
    assertThat(lint(any(SOME, tagStartsWith("zz-")))).isEmpty(); // patterns are not names
    assertThat(lint(any(SOME, list("newsletter").unsubscribed()))).isEmpty();
    assertThat(lint(any(SOME, event("email_open").where(prop("campaign").eq("x"))))).isEmpty();
  }

  @Test
  void unknownValueOnlyWhenAnotherCaseExists() {
    assertThat(lint(any(SOME, field("country").eq("DE")))).containsExactly(
        "/where/any/1: unknown-value: no contact has \"DE\" in field \"country\", but \"de\" "
            + "exists (they differ in letter case or spaces)");
    assertThat(lint(any(SOME, field("country").in("US", " us ", "FR")))).singleElement()
        .asString().contains("\" us \"");
    assertThat(lint(any(SOME, account(field("industry").eq("retail"))))).singleElement()
        .asString().startsWith("/where/any/1/account: unknown-value: no account has");
    assertThat(lint(any(SOME, field("country").eq("FR")))).isEmpty(); // no variant either
    assertThat(lint(any(SOME, field("country").ignoringCase().eq("DE")))).isEmpty();
    assertThat(lint(any(SOME, field("country").neq("DE")))).isEmpty();
  }

  @Test
  void duplicatesAtTheLaterCopy() {
    assertThat(lint(all(SOME, field("country").eq("US"), SOME.withLabel("again"))))
        .containsExactly("/where/all/2: duplicate: the same condition as /where/all/0 in this "
            + "all: tag \"status-lead\"");
    assertThat(lint(all(SOME, tag("status-lead").ignoringCase()))).isEmpty();
  }

  @Test
  void emptyAndEveryone() {
    assertThat(lint(numberField("size").gt(1000)))
        .containsExactly("/where: empty: the segment matches no contact now (of 3)");
    assertThat(lint(not(numberField("size").gt(1000))))
        .containsExactly("/where: everyone: the segment matches every contact now (3)");
    assertThat(lint(SOME)).isEmpty();
  }

  @Test
  void anInvalidSegmentIsRefusedNotLinted() {
    assertThatThrownBy(() -> SNAPSHOT.lint(Segment.of(field("nope").eq("x")), CTX))
        .isInstanceOf(InvalidSegmentException.class).hasMessageContaining("/where");
  }
}
