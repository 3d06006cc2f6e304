package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.list;

import java.time.Duration;
import java.util.List;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Segment;

/** Re-engagement: subscribed contacts with no email open and no click in 90 days. */
public final class ReEngagement {
  private ReEngagement() {}

  public static final Segment SEGMENT = Segment.builder()
      .id("re-engage-90d")
      .name("Re-engage: subscribed, no open or click in 90 days")
      .where(all(
          list("newsletter").subscribed(),
          event("email_open").never().inLast(Duration.ofDays(90)),
          event("email_click").never().inLast(Duration.ofDays(90))))
      .build();

  public static List<Example> examples() {
    Duration window = Duration.ofDays(90);
    return List.of(new Example(SEGMENT, (c, data) ->
        c.lists().get("newsletter") == ListStatus.SUBSCRIBED
            && data.count(c, "email_open", window, e -> true) == 0
            && data.count(c, "email_click", window, e -> true) == 0));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
