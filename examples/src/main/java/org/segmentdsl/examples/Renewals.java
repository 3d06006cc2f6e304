package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.days;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.LocalDate;
import java.util.List;
import org.segmentdsl.Segment;

/** Customers renewing within 30 days: today included, the 30th day from today excluded. */
public final class Renewals {
  private Renewals() {}

  public static final Segment SEGMENT = Segment.builder()
      .id("renewals-30d")
      .name("Renewals due within 30 days")
      .where(all(tag("status-customer"), dateField("renewal_date").inNext(days(30))))
      .build();

  public static List<Example> examples() {
    LocalDate today = DemoData.CONTEXT.today();
    return List.of(new Example(SEGMENT, (c, data) ->
        c.tags().contains("status-customer")
            && c.fields().get("renewal_date") instanceof LocalDate d
            && !d.isBefore(today) && d.isBefore(today.plusDays(30))));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
