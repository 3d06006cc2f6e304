package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.event;

import java.time.Duration;
import java.util.List;
import org.segmentdsl.Segment;

/**
 * Abandoned cart: started a checkout in the last day and made no purchase in that day. (A
 * purchase made before the checkout inside the same day also counts as "purchased": the format
 * compares events with a window, not with each other.)
 */
public final class AbandonedCart {
  private AbandonedCart() {}

  public static final Segment SEGMENT = Segment.builder()
      .id("abandoned-cart")
      .name("Abandoned cart: checkout in the last day, no purchase")
      .where(all(
          event("checkout_started").inLast(Duration.ofDays(1)),
          event("purchase").never().inLast(Duration.ofDays(1))))
      .build();

  public static List<Example> examples() {
    Duration day = Duration.ofDays(1);
    return List.of(new Example(SEGMENT, (c, data) ->
        data.count(c, "checkout_started", day, e -> true) >= 1
            && data.count(c, "purchase", day, e -> true) == 0));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
