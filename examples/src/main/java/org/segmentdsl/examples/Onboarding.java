package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.days;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.list;

import java.time.LocalDate;
import java.util.List;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Segment;

/** New-subscriber onboarding by signup source: webinar signups of the last 14 days. */
public final class Onboarding {
  private Onboarding() {}

  public static final Segment SEGMENT = Segment.builder()
      .id("onboarding-webinar")
      .name("Onboarding: webinar signups of the last 14 days")
      .where(all(
          field("signup_source").eq("webinar"),
          dateField("signup_date").inLast(days(14)),
          list("newsletter").subscribed()))
      .build();

  public static List<Example> examples() {
    LocalDate today = DemoData.CONTEXT.today();
    return List.of(new Example(SEGMENT, (c, data) ->
        "webinar".equals(c.fields().get("signup_source"))
            && c.fields().get("signup_date") instanceof LocalDate d
            && d.isAfter(today.minusDays(14)) && !d.isAfter(today)
            && c.lists().get("newsletter") == ListStatus.SUBSCRIBED));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
