package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.util.List;
import org.segmentdsl.Contact;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Segment;

/**
 * Customers vs prospects: customers are tagged so or have purchased; prospects are the
 * subscribed contacts that are not customers, written as a reference to the customers segment.
 */
public final class CustomersAndProspects {
  private CustomersAndProspects() {}

  public static final Segment CUSTOMERS = Segment.builder()
      .id("customers")
      .name("Customers: tagged or purchased")
      .where(any(tag("status-customer"), event("purchase")))
      .build();

  public static final Segment PROSPECTS = Segment.builder()
      .id("prospects")
      .name("Prospects: subscribed, not customers")
      .where(all(list("newsletter").subscribed(), not(inSegment("customers"))))
      .build();

  static boolean isCustomer(Contact c, DemoData data) {
    return c.tags().contains("status-customer")
        || data.eventsOf(c.id()).stream().anyMatch(e -> e.type().equals("purchase"));
  }

  public static List<Example> examples() {
    return List.of(
        new Example(CUSTOMERS, CustomersAndProspects::isCustomer),
        new Example(PROSPECTS, (c, data) ->
            c.lists().get("newsletter") == ListStatus.SUBSCRIBED && !isCustomer(c, data)));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
