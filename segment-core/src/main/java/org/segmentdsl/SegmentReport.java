package org.segmentdsl;

import java.util.Map;

/**
 * A segment's size and, per event type recorded in the index, the activity of its members over
 * the last 30 days beside that of the other contacts: "review segment performance". {@link
 * IndexSnapshot#report} makes one; immutable.
 *
 * @param count the segment's members
 * @param share {@code count} as a fraction of all contacts (0 for an empty index)
 * @param activity per event type, in the order the types were first recorded
 */
public record SegmentReport(int count, double share, Map<String, Activity> activity) {
  /** The window of "recent" activity: 30 days of 24 hours before the evaluation's instant. */
  public static final java.time.Duration WINDOW = java.time.Duration.ofDays(30);

  /**
   * One event type's recent activity.
   *
   * @param members members with at least one event of the type in the window
   * @param membersShare {@code members} as a fraction of the segment's members (0 if none)
   * @param others contacts outside the segment with such an event
   * @param othersShare {@code others} as a fraction of the contacts outside (0 if none)
   */
  public record Activity(int members, double membersShare, int others, double othersShare) {}

  /**
   * Copies the map, keeping its order.
   *
   * @param count the segment's members
   * @param share {@code count} as a fraction of all contacts
   * @param activity per event type
   */
  public SegmentReport {
    activity = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(activity));
  }

  /** {@code part / whole}, 0 when {@code whole} is 0. */
  static double share(int part, int whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
