package org.segmentdsl.benchmarks;

import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.days;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.Condition;

/**
 * Many segments of the seven {@linkplain Workload#LIVE_SHAPES live shapes} (W1-W7), for the live
 * benchmarks: segment {@code i} has the shape of workload {@code i % 7} with its own tags,
 * countries, thresholds and windows, drawn from the data set's dictionaries with a random of seed
 * {@link DataGenerator#SEED} and {@code i} (drawn again while it repeats an earlier segment), so
 * the list is the same on every run and no two segments are equal. The first seven are the
 * workloads themselves.
 *
 * <p>The choices keep most segments non-trivial on any data set of 10,000 contacts or more: tags
 * of frequency rank below 100 (at least 0.2% of contacts each), windows of days to a year, and
 * thresholds within the generated ranges. Every shape reads what the benchmarks' single-contact
 * batches change (tags, {@code country}, {@code company_size}, {@code signup_date}, events now),
 * except W6's deals and accounts, which no batch touches.
 */
final class SegmentVariants {
  /** Campaign prefixes for W2's {@code startsWith}: some match several campaigns, some one. */
  private static final String[] CAMPAIGN_PREFIXES = {"crm", "crm-tips", "news", "product",
      "onboarding", "CRM", "spring", "webinar", "case", "winback", "pricing", "black"};
  private static final String[] URL_PREFIXES = {"https://example.com/blog",
      "https://example.com/pricing", "https://example.com/features", "https://example.com/"};
  private static final String[] TOPIC_PREFIXES = {"crm", "auto", "analytics", "email", "seg",
      "lead", "integ", "pricing"};
  private static final ListStatus[] W3_STATUSES = {ListStatus.SUBSCRIBED, ListStatus.SUBSCRIBED,
      ListStatus.SUBSCRIBED, ListStatus.UNSUBSCRIBED, ListStatus.UNCONFIRMED};
  /** W3's pairs of event types of which a contact had none. */
  private static final String[][] W3_QUIET = {{"email_open", "email_click"},
      {"email_open", "page_visit"}, {"email_click", "page_visit"},
      {"email_click", "webinar_attended"}, {"page_visit", "purchase"}};
  /** W4's pairs: an event of the first type and none of the second in the window. */
  private static final String[][] W4_PAIRS = {{"checkout_started", "purchase"},
      {"page_visit", "checkout_started"}, {"email_click", "page_visit"},
      {"webinar_attended", "purchase"}, {"email_open", "email_click"}};
  private static final double[] COMPANY_SIZES = {10, 50, 100, 500, 1_000};
  private static final double[] DEAL_VALUES = {0, 100, 500, 1_000, 2_000, 5_000, 10_000,
      20_000};
  private static final String[] W7_EVENTS = {"email_open", "email_open", "page_visit",
      "email_click"};

  private SegmentVariants() {}

  /** The first {@code count} variants, all different; ids are {@code live-<i>-w<shape>}. */
  static List<Segment> generate(int count) {
    List<Segment> segments = new ArrayList<>(count);
    Set<Condition> seen = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Workload shape = Workload.LIVE_SHAPES.get(i % Workload.LIVE_SHAPES.size());
      Condition condition;
      if (i < Workload.LIVE_SHAPES.size()) {
        condition = SegmentDslEngine.condition(shape);
      } else {
        SplittableRandom r = new SplittableRandom(DataGenerator.SEED * 31 + i);
        do {
          condition = condition(shape, r);
        } while (seen.contains(condition));
      }
      seen.add(condition);
      segments.add(segment(i, shape, condition));
    }
    return List.copyOf(segments);
  }

  /** The workload (one of {@link Workload#LIVE_SHAPES}) itself, as it is in {@link #generate}. */
  static Segment workload(Workload w) {
    return segment(Workload.LIVE_SHAPES.indexOf(w), w, SegmentDslEngine.condition(w));
  }

  private static Segment segment(int i, Workload shape, Condition condition) {
    return Segment.builder()
        .id(String.format("live-%04d-w%d", i, shape.ordinal() + 1))
        .name(shape.label() + " variant " + i / Workload.LIVE_SHAPES.size())
        .where(condition)
        .build();
  }

  private static Condition condition(Workload shape, SplittableRandom r) {
    return switch (shape) {
      case W1_ONBOARDING -> all(tag(randomTag(r, 0, 60)),
          dateField("signup_date").inLast(days(pickInt(r, 7, 14, 30, 60, 90, 180, 365))));
      case W2_NURTURE -> {
        int a = r.nextInt(40);
        int b = (a + 1 + r.nextInt(39)) % 40;
        int days = pickInt(r, 7, 14, 30, 60);
        Condition clicked = switch (r.nextInt(4)) {
          case 0 -> event("page_visit").where(prop("url").startsWith(pick(r, URL_PREFIXES)))
              .inLast(Duration.ofDays(days));
          case 1 -> event("webinar_attended")
              .where(prop("topic").startsWith(pick(r, TOPIC_PREFIXES)))
              .inLast(Duration.ofDays(days * 4L));
          default -> event("email_click")
              .where(prop("campaign").startsWith(pick(r, CAMPAIGN_PREFIXES)))
              .inLast(Duration.ofDays(days));
        };
        yield all(tag(Dataset.tag(a)), not(tag(Dataset.tag(b))), clicked);
      }
      case W3_REENGAGEMENT -> {
        String[] quiet = pick(r, W3_QUIET);
        Duration window = Duration.ofDays(pickInt(r, 30, 60, 90, 120, 180));
        yield all(list(pick(r, Dataset.LISTS)).status(pick(r, W3_STATUSES)),
            event(quiet[0]).never().inLast(window), event(quiet[1]).never().inLast(window));
      }
      case W4_ABANDONED_CART -> {
        String[] pair = pick(r, W4_PAIRS);
        Duration window = Duration.ofHours(6 + r.nextInt(24 * 14 - 6 + 1)); // 6 h to 14 days
        yield all(event(pair[0]).inLast(window), not(event(pair[1]).inLast(window)));
      }
      case W5_COMPOSITE -> {
        int b = 10 + r.nextInt(50);
        int c = 10 + (b - 10 + 1 + r.nextInt(49)) % 50;
        yield any(
            all(tag(randomTag(r, 10, 60)), field("country").eq(pick(r, Dataset.COUNTRIES)),
                numberField("company_size").gte(COMPANY_SIZES[r.nextInt(COMPANY_SIZES.length)]),
                event("email_click").inLast(Duration.ofDays(pickInt(r, 7, 14, 30)))),
            all(tag(Dataset.tag(b)), not(tag(Dataset.tag(c)))));
      }
      case W6_SALES -> all(
          deal(all(field("stage").eq(pick(r, Dataset.STAGES)),
              numberField("value").gte(DEAL_VALUES[r.nextInt(DEAL_VALUES.length)]))),
          account(field("industry").eq(pick(r, Dataset.INDUSTRIES))));
      case W7_WIDE -> {
        int first = 10 + r.nextInt(50);
        int width = pickInt(r, 20, 50);
        List<Condition> tags = new ArrayList<>();
        for (int rank = first; rank < first + width; rank++) {
          tags.add(tag(Dataset.tag(rank)));
        }
        yield all(any(tags), event(pick(r, W7_EVENTS)).atLeast(pickInt(r, 2, 3, 5))
            .inLast(Duration.ofDays(pickInt(r, 30, 90, 180, 365))));
      }
      case W8_NURTURE_20, W9_SAVED_SEGMENTS ->
          throw new IllegalArgumentException(shape.label() + " is not a live shape");
    };
  }

  private static String randomTag(SplittableRandom r, int fromRank, int toRank) {
    return Dataset.tag(fromRank + r.nextInt(toRank - fromRank));
  }

  private static int pickInt(SplittableRandom r, int... choices) {
    return choices[r.nextInt(choices.length)];
  }

  @SafeVarargs
  private static <T> T pick(SplittableRandom r, T... choices) {
    return choices[r.nextInt(choices.length)];
  }
}
