package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.numberField;

import java.util.List;
import org.segmentdsl.Segment;

/**
 * Deals in a given stage: contacts with a deal that is, all on the same deal, in stage Qualified,
 * in the Sales pipeline and worth at least 1,000.
 */
public final class QualifiedDeals {
  private QualifiedDeals() {}

  public static final Segment SEGMENT = Segment.builder()
      .id("qualified-sales-deals")
      .name("Qualified deals in the Sales pipeline, 1,000 or more")
      .where(deal(all(
          field("stage").eq("Qualified"),
          field("pipeline").eq("Sales"),
          numberField("value").gte(1000))))
      .build();

  public static List<Example> examples() {
    return List.of(new Example(SEGMENT, (c, data) -> data.dealsOf(c.id()).stream().anyMatch(d ->
        "Qualified".equals(d.fields().get("stage")) && "Sales".equals(d.fields().get("pipeline"))
            && d.fields().get("value") instanceof Number v && v.doubleValue() >= 1000)));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
