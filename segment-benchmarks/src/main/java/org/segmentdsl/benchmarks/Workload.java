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
  W7_WIDE("W7 wide"),
  W8_NURTURE_20("W8 nurture, 20 conditions"),
  W9_SAVED_SEGMENTS("W9 saved segments");

  /**
   * The workloads the live benchmarks take their shapes from ({@link SegmentVariants}, the live
   * ticks): W1-W7. W8 and W9 are left out so that the live figures stay comparable with the runs
   * before them, and W9 would need the saved segments it references registered live as well.
   */
  public static final List<Workload> LIVE_SHAPES = List.of(W1_ONBOARDING, W2_NURTURE,
      W3_REENGAGEMENT, W4_ABANDONED_CART, W5_COMPOSITE, W6_SALES, W7_WIDE);

  /** W5's tags, of middle frequency (about 11%, 6% and 9% of contacts). */
  public static final String TAG_A = Dataset.tag(16);
  public static final String TAG_B = Dataset.tag(25);
  public static final String TAG_C = Dataset.tag(18);
  /** W7's tags: frequency ranks 30 to 79 (from 4.3% down to 0.4% of contacts each). */
  public static final List<String> W7_TAGS = w7Tags();

  /** W8's interests: any of them (ranks 2, 4, 7 and 9). */
  public static final List<String> W8_INTERESTS =
      List.of("interest-email", "interest-crm", "interest-analytics", "interest-automation");
  /** W8's countries: any of them. */
  public static final List<String> W8_COUNTRIES = List.of("US", "GB", "DE", "CA", "AU", "NL");
  /** W8's {@code company_size} range, both ends included. */
  public static final double W8_MIN_SIZE = 5;
  public static final double W8_MAX_SIZE = 10_000;
  /** W8's {@code signup_date} window, in days. */
  public static final int W8_SIGNUP_DAYS = 1_095;
  /** W8's engagement: warm sources (any of them, or a recent click or visits). */
  public static final List<String> W8_WARM_TAGS =
      List.of("source-webinar", "source-referral", Dataset.tag(10), Dataset.tag(12));
  public static final String W8_CAMPAIGN_PREFIX = "crm";
  public static final String W8_URL_PART = "/blog/";
  public static final int W8_VISITS = 2;
  /** W8's exclusions: any of these tags (the customers and two do-not-contact stand-ins). */
  public static final List<String> W8_EXCLUDED_TAGS =
      List.of("status-customer", Dataset.tag(11), Dataset.tag(13));

  /** W9's saved segments: the conditions of W5, W1 and W3 under these ids. */
  public static final String W9_COMPOSITE = "composite";
  public static final String W9_ONBOARDING = "onboarding";
  public static final String W9_REENGAGEMENT = "reengagement";

  public static final Duration ONE_DAY = Duration.ofDays(1);
  public static final Duration FOURTEEN_DAYS = Duration.ofDays(14);
  public static final Duration THIRTY_DAYS = Duration.ofDays(30);
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
      case W8_NURTURE_20 -> "20 conditions: any of 4 interest tags, country in 6, company_size "
          + "5..10,000, signup_date in the last 1,095 days, subscribed to newsletter, any of (4 "
          + "warm tags, an email_click whose campaign starts with \"crm\" in 30 days, at least 2 "
          + "page_visit whose url contains \"/blog/\" in 14 days), and none of (3 tags, a "
          + "purchase in 90 days, unsubscribed from product-updates, bounced from webinars)";
      case W9_SAVED_SEGMENTS -> "saved segments by reference: segment composite (W5) and (segment "
          + "onboarding (W1) or not segment reengagement (W3))";
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
