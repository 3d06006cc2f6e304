package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.ListCondition;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.TimeSpan;

class ConditionTreeTest {
  @Test
  void dslBuildsTheSameTreeAsTheRecords() {
    Condition dsl = all(tag("interest-crm"), not(tag("status-customer")),
        field("country").eq("US"), list("newsletter").subscribed(),
        dateField("signup_date").inLast(Period.ofDays(30)));
    Condition records = new All(List.of(
        new TagCondition("interest-crm", TagCondition.Op.EQ, false, null),
        new Not(new TagCondition("status-customer"), null),
        new FieldCondition("country", FieldOperator.EQ, new Operand.Single(new Literal.Text("US")),
            false, null),
        new ListCondition("newsletter", ListStatus.SUBSCRIBED, null),
        new FieldCondition("signup_date", FieldOperator.IN_LAST,
            new Operand.Span(new TimeSpan(0, 30, 0, 0, 0)))), null);
    assertThat(dsl).isEqualTo(records).hasSameHashCodeAs(records);
    assertThat(dsl.withLabel("leads")).isNotEqualTo(records);
  }

  @Test
  void datesInTheDslAreTheTextSavedSegmentsHold() {
    assertThat(dateField("d").eq(LocalDate.of(2026, 1, 31))).isEqualTo(new FieldCondition("d",
        FieldOperator.EQ, new Operand.Single(new Literal.Text("2026-01-31"))));
  }

  @Test
  void childrenAreCopied() {
    List<Condition> children = new ArrayList<>(List.of(tag("a")));
    All all = new All(children);
    children.add(tag("b"));
    assertThat(all.conditions()).containsExactly(tag("a"));
    assertThatThrownBy(() -> all.conditions().add(tag("c")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void durationsParseOnlyWeeksDaysHoursMinutesSeconds() {
    assertThat(TimeSpan.parse("P1W2D").totalDays()).isEqualTo(9);
    assertThat(TimeSpan.parse("P1DT6H").toDuration()).isEqualTo(Duration.ofHours(30));
    assertThat(TimeSpan.parse("PT12H").toString()).isEqualTo("PT12H");
    assertThat(TimeSpan.parse("P36500D").totalDays()).isEqualTo(36_500);
    for (String bad : List.of("P", "PT", "P0D", "P1M", "P1Y", "P1D2W", "p1d", "P1.5D", "P36501D",
        "PT", "P1DT", "-P1D", "P1W1W")) {
      assertThatThrownBy(() -> TimeSpan.parse(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void durationOfAPeriodWithMonthsIsRejected() {
    assertThatThrownBy(() -> dateField("d").inLast(Period.ofMonths(1)))
        .hasMessageContaining("months or years");
  }
}
