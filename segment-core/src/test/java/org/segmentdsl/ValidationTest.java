package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.TimeSpan;

/** Conditions that do not fit the schema or the limits fail before evaluation, saying where. */
class ValidationTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("company_size", FieldType.NUMBER)
      .contactField("signup_date", FieldType.DATE)
      .contactField("last_login", FieldType.DATETIME)
      .contactField("location", FieldType.GEO)
      .build();

  final ContactIndex index = ContactIndex.create(SCHEMA);
  final EvaluationContext ctx = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  private InvalidSegmentException invalid(Segment segment) {
    try {
      index.evaluate(segment, ctx);
    } catch (InvalidSegmentException e) {
      return e;
    }
    throw new AssertionError("expected InvalidSegmentException for " + segment);
  }

  @Test
  void unknownFieldNamesTheClosestDeclaredField() {
    InvalidSegmentException e =
        invalid(Segment.of(all(tag("a"), field("countyr").eq("US"))));
    assertThat(e.problems()).singleElement().satisfies(p -> {
      assertThat(p.pointer()).isEqualTo("/where/all/1/field");
      assertThat(p.message()).contains("unknown field \"countyr\"").contains("did you mean \"country\"");
    });
  }

  @Test
  void operatorThatDoesNotFitTheTypeIsNamedWithItsPointer() {
    Condition c = any(tag("x"), not(new FieldCondition("country", FieldOperator.GT,
        new Operand.Single(Literal.of(5)))));
    InvalidSegmentException e = invalid(Segment.of(c));
    assertThat(e.getMessage())
        .isEqualTo("/where/any/1/not/op: operator \"gt\" does not apply to string field \"country\"");
  }

  @Test
  void aTypedBuilderOnAFieldOfAnotherTypeSaysWhichTypeTheFieldIs() {
    assertThat(invalid(Segment.of(booleanField("country").isTrue())).getMessage())
        .isEqualTo("/where/value: string field \"country\" expects a string, got true "
            + "(\"country\" is a string field, not a boolean field)");
    assertThat(invalid(Segment.of(numberField("country").eq(5))).getMessage())
        .endsWith("(\"country\" is a string field, not a number field)");
    assertThat(invalid(Segment.of(field("company_size").eq("12"))).getMessage())
        .isEqualTo("/where/value: number field \"company_size\" expects a number, got \"12\" "
            + "(\"company_size\" is a number field, not a string field)");
  }

  @Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    Condition c = all(
        field("nope").eq("x"),
        new FieldCondition("company_size", FieldOperator.EQ, new Operand.Single(Literal.of("12a"))),
        new FieldCondition("signup_date", FieldOperator.EQ,
            new Operand.Single(Literal.of("2026-11-28T09:30:00Z"))),
        new FieldCondition("signup_date", FieldOperator.IN_LAST,
            new Operand.Span(TimeSpan.parse("PT12H"))),
        new FieldCondition("company_size", FieldOperator.EQ, new Operand.Single(Literal.of(1)),
            true, null));
    InvalidSegmentException e = invalid(Segment.of(c));
    assertThat(e.problems()).extracting(InvalidSegmentException.Problem::pointer).containsExactly(
        "/where/all/0/field", "/where/all/1/value", "/where/all/2/value", "/where/all/3/value",
        "/where/all/4/ignoreCase");
  }

  @Test
  void ignoreCaseOnANumberFieldIsAnError() {
    Condition c = new FieldCondition("company_size", FieldOperator.IN,
        new Operand.Values(java.util.List.of(Literal.of(1))), true, null);
    assertThat(invalid(Segment.of(c)).getMessage()).startsWith("/where/ignoreCase: ");
  }

  @Test
  void nestingDeeperThan32LevelsIsAnError() {
    Condition deep = tag("x");
    for (int i = 0; i < 32; i++) {
      deep = all(deep);
    }
    assertThat(index.evaluate(deep, ctx).count()).isZero(); // 32 levels: fine
    Condition tooDeep = not(deep);
    assertThatThrownBy(() -> index.evaluate(tooDeep, ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessageContaining("nested deeper than 32 levels");
  }

  @Test
  void moreThanTenThousandConditionsIsAnError() {
    java.util.List<Condition> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(tag("t" + i));
    }
    assertThatThrownBy(() -> index.evaluate(any(many), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessageContaining("more than 10000 conditions");
  }

  @Test
  void datetimeBetweenWithDateAndInstantIsCheckedInTheContextZone() {
    // 2026-11-28 in Kiritimati (UTC+14) starts at 2026-11-27T10:00Z, after lo in UTC terms
    Condition c = datetimeField("last_login").between(LocalDate.of(2026, 11, 28),
        LocalDate.of(2026, 11, 28));
    assertThat(index.evaluate(c, ctx).count()).isZero();
    Condition mixed = new FieldCondition("last_login", FieldOperator.BETWEEN, new Operand.Range(
        Literal.of("2026-11-28"), Literal.of("2026-11-27T23:00:00Z")));
    assertThat(index.evaluate(mixed, ctx.withZone(ZoneId.of("Pacific/Kiritimati"))).count())
        .isZero();
    assertThatThrownBy(() -> index.evaluate(mixed, ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessageStartingWith("/where/value: between needs lo <= hi")
        .hasMessageEndingWith(" in zone UTC");
  }

  @Test
  void geoOnlyTakesWithinAndSetTests() {
    Condition c = new FieldCondition("location", FieldOperator.EQ,
        new Operand.Single(Literal.of("x")));
    assertThat(invalid(Segment.of(c)).getMessage())
        .isEqualTo("/where/op: operator \"eq\" does not apply to geo field \"location\"");
  }

  @Test
  void typedBuildersRejectBadArgumentsWhereTheyAreGiven() {
    assertThatThrownBy(() -> field("country").contains(""))
        .hasMessageContaining("non-empty string");
    assertThatThrownBy(() -> numberField("company_size").between(5, 1))
        .hasMessageContaining("lo <= hi");
    assertThatThrownBy(() -> numberField("company_size").eq(Double.NaN))
        .hasMessageContaining("finite");
    assertThatThrownBy(() -> field("country").in())
        .hasMessageContaining("at least one value");
    assertThatThrownBy(() -> tag("")).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> tag("x".repeat(1025))).hasMessageContaining("at most 1024");
  }
}
