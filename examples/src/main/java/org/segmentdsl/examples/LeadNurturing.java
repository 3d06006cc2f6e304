package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Duration;
import java.util.List;
import org.segmentdsl.Segment;

/** Lead nurturing by interest: CRM-interested non-customers who clicked a CRM email lately. */
public final class LeadNurturing {
  private LeadNurturing() {}

  public static final Segment SEGMENT = Segment.builder()
      .id("nurture-crm")
      .name("Nurture: CRM interest, clicked a CRM email in 30 days")
      .where(all(
          tag("interest-crm"),
          not(tag("status-customer")),
          event("email_click").where(prop("campaign").startsWith("crm"))
              .inLast(Duration.ofDays(30))))
      .build();

  public static List<Example> examples() {
    return List.of(new Example(SEGMENT, (c, data) ->
        c.tags().contains("interest-crm") && !c.tags().contains("status-customer")
            && data.count(c, "email_click", Duration.ofDays(30),
                e -> e.props().get("campaign") instanceof String s && s.startsWith("crm")) >= 1));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
