package org.segmentdsl.benchmarks;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;

/**
 * The no-engine peer: one Java object per contact holding its tags, lists, fields, account, deals
 * and events, and each workload a predicate run over all of them with a parallel stream. This is
 * what an application would write without an index.
 *
 * <p>Events are held per contact as parallel arrays (type, time in epoch microseconds, the value
 * of its one property), not one object per event: with 200,000,000 events an object each would
 * not fit the benchmark machine beside the other engines. Every event type of the data set has at
 * most one property, so the value alone stands for it.
 *
 * <p>Semantics match segment-format.md: an event in "the last D" has {@code now - D < t <= now};
 * a date "in the last N days" has {@code today - N < v <= today}; a field condition holds only if
 * the field is set.
 */
public final class PlainJavaEngine implements Engine {
  private static final long NOW_MICROS = Dataset.NOW_SECOND * 1_000_000L;
  private static final LocalDate TODAY = LocalDate.ofEpochDay(Dataset.TODAY);
  private static final ListStatus[] STATUSES = {ListStatus.SUBSCRIBED, ListStatus.UNSUBSCRIBED,
      ListStatus.BOUNCED, ListStatus.UNCONFIRMED};
  private static final int NEWSLETTER = 0;
  private static final int PRODUCT_UPDATES = 1;
  private static final int WEBINARS = 2;
  private static final Set<String> W7_TAGS = Set.copyOf(Workload.W7_TAGS);
  private static final Set<String> W8_INTERESTS = Set.copyOf(Workload.W8_INTERESTS);
  private static final Set<String> W8_COUNTRIES = Set.copyOf(Workload.W8_COUNTRIES);
  private static final Set<String> W8_WARM_TAGS = Set.copyOf(Workload.W8_WARM_TAGS);
  private static final Set<String> W8_EXCLUDED_TAGS = Set.copyOf(Workload.W8_EXCLUDED_TAGS);

  /** A company. */
  record Account(String id, String industry, double employees) {}

  /** An opportunity of a contact. */
  record Deal(String id, String stage, String pipeline, double value, String owner) {}

  /**
   * A contact with everything about it. {@code lists[i]} is the status on {@link Dataset#LISTS}
   * {@code [i]}, or null; {@code companySize} and {@code renewalDate} may be null (unset).
   */
  record Contact(String id, String[] tags, ListStatus[] lists, String country,
      Double companySize, LocalDate signupDate, double lifetimeValue, LocalDate renewalDate,
      GeoPoint location, Account account, Deal[] deals, String[] eventTypes, long[] eventMicros,
      Object[] eventValues) {

    boolean hasAnyTag(Set<String> any) {
      for (String t : tags) {
        if (any.contains(t)) {
          return true;
        }
      }
      return false;
    }

    /** Whether the date is set and in {@code (today - days, today]}. */
    static boolean inLastDays(LocalDate date, int days) {
      return date != null && date.isAfter(TODAY.minusDays(days)) && !date.isAfter(TODAY);
    }

    boolean hasTag(String tag) {
      for (String t : tags) {
        if (t.equals(tag)) {
          return true;
        }
      }
      return false;
    }

    /** The events of that type in {@code (now - window, now]} whose value passes the test. */
    int countEvents(String type, Duration window, Predicate<Object> value) {
      long from = NOW_MICROS - window.toNanos() / 1000;
      int n = 0;
      for (int i = 0; i < eventTypes.length; i++) {
        if (eventTypes[i].equals(type) && eventMicros[i] > from && eventMicros[i] <= NOW_MICROS
            && value.test(eventValues[i])) {
          n++;
        }
      }
      return n;
    }

    int countEvents(String type, Duration window) {
      return countEvents(type, window, v -> true);
    }
  }

  private final Contact[] contacts;

  private PlainJavaEngine(Contact[] contacts) {
    this.contacts = contacts;
  }

  /** One object per contact of the data set. */
  public static PlainJavaEngine load(Dataset data) {
    Account[] accounts = new Account[data.accounts()];
    for (int a = 0; a < accounts.length; a++) {
      accounts[a] = new Account(Dataset.accountId(a),
          Dataset.INDUSTRIES[data.accountIndustry[a]], data.accountEmployees[a]);
    }
    Contact[] contacts = new Contact[data.contacts];
    for (int c = 0; c < contacts.length; c++) {
      String[] tags = new String[data.tagOffsets[c + 1] - data.tagOffsets[c]];
      for (int i = 0; i < tags.length; i++) {
        tags[i] = Dataset.TAGS[data.tagIds[data.tagOffsets[c] + i] & 0xFF];
      }
      ListStatus[] lists = new ListStatus[Dataset.LISTS.length];
      for (int l = 0; l < lists.length; l++) {
        byte s = data.listStatus[l][c];
        lists[l] = s == 0 ? null : STATUSES[s - 1];
      }
      Deal[] deals = new Deal[data.dealOffsets[c + 1] - data.dealOffsets[c]];
      for (int i = 0; i < deals.length; i++) {
        int d = data.dealOffsets[c] + i;
        deals[i] = new Deal(Dataset.dealId(d), Dataset.STAGES[data.dealStage[d]],
            Dataset.PIPELINES[data.dealPipeline[d]], data.dealValue[d],
            Dataset.OWNERS[data.dealOwner[d]]);
      }
      int first = data.eventOffsets[c];
      int n = data.eventOffsets[c + 1] - first;
      String[] types = new String[n];
      long[] micros = new long[n];
      Object[] values = new Object[n];
      for (int i = 0; i < n; i++) {
        int e = first + i;
        byte type = data.eventType[e];
        short v = data.eventProp[e];
        types[i] = Dataset.EVENT_TYPES[type];
        micros[i] = data.eventSecond[e] * 1_000_000L;
        values[i] = switch (type) {
          case Dataset.EMAIL_CLICK -> Dataset.CAMPAIGNS[v];
          case Dataset.PAGE_VISIT -> Dataset.URLS[v];
          case Dataset.WEBINAR_ATTENDED -> Dataset.TOPICS[v];
          case Dataset.PURCHASE -> (double) v;
          default -> null;
        };
      }
      contacts[c] = new Contact(Dataset.contactId(c), tags, lists,
          data.country[c] < 0 ? null : Dataset.COUNTRIES[data.country[c]],
          data.companySize[c] == Dataset.UNSET ? null : (double) data.companySize[c],
          LocalDate.ofEpochDay(data.signupDay[c]), data.lifetimeValue[c],
          data.renewalDay[c] == Dataset.UNSET ? null : LocalDate.ofEpochDay(data.renewalDay[c]),
          new GeoPoint(data.lat[c], data.lon[c]),
          data.account[c] < 0 ? null : accounts[data.account[c]], deals, types, micros, values);
    }
    return new PlainJavaEngine(contacts);
  }

  /** The workload as a test of one contact. */
  static Predicate<Contact> predicate(Workload workload) {
    return switch (workload) {
      case W1_ONBOARDING -> c -> c.hasTag("source-webinar")
          && Contact.inLastDays(c.signupDate(), Workload.SIGNUP_DAYS);
      case W2_NURTURE -> c -> c.hasTag("interest-crm") && !c.hasTag("status-customer")
          && c.countEvents("email_click", Workload.FOURTEEN_DAYS,
              v -> v instanceof String s && s.startsWith("crm")) >= 1;
      case W3_REENGAGEMENT -> c -> c.lists()[NEWSLETTER] == ListStatus.SUBSCRIBED
          && c.countEvents("email_open", Workload.NINETY_DAYS) == 0
          && c.countEvents("email_click", Workload.NINETY_DAYS) == 0;
      case W4_ABANDONED_CART -> c -> c.countEvents("checkout_started", Workload.ONE_DAY) >= 1
          && c.countEvents("purchase", Workload.ONE_DAY) == 0;
      case W5_COMPOSITE -> c -> (c.hasTag(Workload.TAG_A) && "US".equals(c.country())
              && c.companySize() != null && c.companySize() >= 50
              && c.countEvents("email_click", Workload.FOURTEEN_DAYS) >= 1)
          || (c.hasTag(Workload.TAG_B) && !c.hasTag(Workload.TAG_C));
      case W6_SALES -> c -> c.account() != null && "SaaS".equals(c.account().industry())
          && Arrays.stream(c.deals())
              .anyMatch(d -> "Qualified".equals(d.stage()) && d.value() >= 1000);
      case W7_WIDE -> c -> Arrays.stream(c.tags()).anyMatch(W7_TAGS::contains)
          && c.countEvents("email_open", Workload.YEAR) >= 3;
      case W8_NURTURE_20 -> c -> c.hasAnyTag(W8_INTERESTS)
          && c.country() != null && W8_COUNTRIES.contains(c.country())
          && c.companySize() != null && c.companySize() >= Workload.W8_MIN_SIZE
          && c.companySize() <= Workload.W8_MAX_SIZE
          && Contact.inLastDays(c.signupDate(), Workload.W8_SIGNUP_DAYS)
          && c.lists()[NEWSLETTER] == ListStatus.SUBSCRIBED
          && (c.hasAnyTag(W8_WARM_TAGS)
              || c.countEvents("email_click", Workload.THIRTY_DAYS,
                  v -> v instanceof String s && s.startsWith(Workload.W8_CAMPAIGN_PREFIX)) >= 1
              || c.countEvents("page_visit", Workload.FOURTEEN_DAYS,
                  v -> v instanceof String s && s.contains(Workload.W8_URL_PART))
                  >= Workload.W8_VISITS)
          && !(c.hasAnyTag(W8_EXCLUDED_TAGS)
              || c.countEvents("purchase", Workload.NINETY_DAYS) >= 1
              || c.lists()[PRODUCT_UPDATES] == ListStatus.UNSUBSCRIBED
              || c.lists()[WEBINARS] == ListStatus.BOUNCED);
      case W9_SAVED_SEGMENTS -> predicate(Workload.W5_COMPOSITE)
          .and(predicate(Workload.W1_ONBOARDING)
              .or(predicate(Workload.W3_REENGAGEMENT).negate()));
    };
  }

  @Override
  public String name() {
    return "plain Java";
  }

  @Override
  public long count(Workload workload) {
    Predicate<Contact> p = predicate(workload);
    return Arrays.stream(contacts).parallel().filter(p).count();
  }
}
