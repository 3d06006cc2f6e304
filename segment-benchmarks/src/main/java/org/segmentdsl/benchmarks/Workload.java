package org.segmentdsl.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The segments every engine answers with a count, at {@link Dataset#NOW} in UTC. Windows follow
 * segment-format.md: an event "in the last D" has {@code now - D < t <= now}; a date "in the last
 * N days" has {@code today - N < v <= today}.
 */
public enum Workload {
  W1_ONBOARDING("W1 onboarding"),
  W2_NURTURE("W2 nurture"),
  W3_REENGAGEMENT("W3 re-engagement"),
  W4_ABANDONED_CART("W4 abandoned cart"),
  W5_COMPOSITE("W5 composite"),
  W6_SALES("W6 sales"),
  W7_WIDE("W7 wide");

  /** W5's tags, of middle frequency (about 11%, 6% and 9% of contacts). */
  public static final String TAG_A = Dataset.tag(16);
  public static final String TAG_B = Dataset.tag(25);
  public static final String TAG_C = Dataset.tag(18);
  /** W7's tags: frequency ranks 30 to 79 (from 4.3% down to 0.4% of contacts each). */
  public static final List<String> W7_TAGS = w7Tags();

  public static final Duration ONE_DAY = Duration.ofDays(1);
  public static final Duration FOURTEEN_DAYS = Duration.ofDays(14);
  public static final Duration NINETY_DAYS = Duration.ofDays(90);
  public static final Duration YEAR = Duration.ofDays(365);
  public static final int SIGNUP_DAYS = 30;

  private final String label;

  Workload(String label) {
    this.label = label;
  }

  /** A short name for tables: {@code W1 onboarding}. */
  public String label() {
    return label;
  }

  /** What the segment selects, in words. */
  public String description() {
    return switch (this) {
      case W1_ONBOARDING -> "tag source-webinar and signup_date in the last 30 days";
      case W2_NURTURE -> "tag interest-crm, not tag status-customer, an email_click whose "
          + "campaign starts with \"crm\" in the last 14 days";
      case W3_REENGAGEMENT ->
          "subscribed to newsletter, no email_open and no email_click in the last 90 days";
      case W4_ABANDONED_CART -> "checkout_started in the last day and no purchase in the last day";
      case W5_COMPOSITE -> "(tag " + TAG_A + ", country US, company_size >= 50, email_click in "
          + "the last 14 days) or (tag " + TAG_B + " and not tag " + TAG_C + ")";
      case W6_SALES -> "a deal in stage Qualified worth >= 1,000 at an account in industry SaaS";
      case W7_WIDE -> "any of 50 tags and at least 3 email_open in the last 365 days";
    };
  }

  /** The exclusive start of the window "the last {@code d}" before {@link Dataset#NOW}. */
  public static Instant windowStart(Duration d) {
    return Dataset.NOW.minus(d);
  }

  private static List<String> w7Tags() {
    List<String> tags = new ArrayList<>();
    for (int rank = 30; rank < 80; rank++) {
      tags.add(Dataset.tag(rank));
    }
    return List.copyOf(tags);
  }
}
