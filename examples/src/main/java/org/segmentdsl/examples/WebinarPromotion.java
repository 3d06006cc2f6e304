package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Duration;
import java.util.List;
import org.segmentdsl.Segment;

/**
 * Webinar promotion by topic interest and past attendance: contacts interested in analytics (by
 * tag, or by visiting an analytics page in 60 days) who attended a webinar before, and have not
 * registered for the December analytics webinar yet.
 */
public final class WebinarPromotion {
  private WebinarPromotion() {}

  public static final Segment SEGMENT = Segment.builder()
      .id("webinar-analytics-invite")
      .name("Webinar invite: analytics interest, past attendee, not registered")
      .where(all(
          any(tag("interest-analytics"),
              event("page_visit").where(prop("url").contains("analytics"))
                  .inLast(Duration.ofDays(60))),
          event("webinar_attended"),
          not(event("webinar_registered").where(prop("topic").eq("analytics-2026-12")))))
      .build();

  public static List<Example> examples() {
    return List.of(new Example(SEGMENT, (c, data) ->
        (c.tags().contains("interest-analytics")
            || data.count(c, "page_visit", Duration.ofDays(60),
                e -> e.props().get("url") instanceof String u && u.contains("analytics")) >= 1)
            && data.eventsOf(c.id()).stream().anyMatch(e -> e.type().equals("webinar_attended"))
            && data.eventsOf(c.id()).stream().noneMatch(e -> e.type().equals("webinar_registered")
                && "analytics-2026-12".equals(e.props().get("topic")))));
  }

  public static void main(String[] args) {
    Examples.runOne(examples());
  }
}
