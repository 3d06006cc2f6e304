package org.segmentdsl.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * A generated audience held column by column in primitive arrays, which every engine is loaded
 * from: contacts with their tags, list statuses and fields; accounts; deals; events. Made by
 * {@link DataGenerator}; immutable by convention (the arrays are package-private and nothing
 * writes them after generation).
 *
 * <p>Why columns of primitives: 10,000,000 contacts with 200,000,000 events must fit in a 24 GiB
 * machine beside the engine under test, DuckDB and the plain-Java objects. Here an event costs 7
 * bytes (an {@code int} time, a {@code byte} type, a {@code short} property) and a contact about
 * 50, so the full data set is about 2 GB; as objects it would be several times that. Each engine
 * streams from these arrays into its own representation.
 *
 * <p>Codes: a {@code byte} or {@code short} field holds an index into the matching dictionary
 * below ({@link #TAGS}, {@link #COUNTRIES}, …) or a sentinel for "unset". Multi-valued parts (a
 * contact's tags, deals and events) are stored compressed-sparse-row: {@code xOffsets[c]} to
 * {@code xOffsets[c + 1]} are contact {@code c}'s entries.
 */
public final class Dataset {
  /** The instant every workload is evaluated at (zone UTC). */
  public static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
  public static final long NOW_SECOND = NOW.getEpochSecond();
  /** The date of {@link #NOW} in UTC, as an epoch day. */
  public static final int TODAY = (int) LocalDate.ofInstant(NOW, ZoneOffset.UTC).toEpochDay();
  public static final long DAY_SECONDS = 86_400L;

  /** 200 tags by frequency rank, most frequent first (see {@link DataGenerator#TAG_SHARES}). */
  public static final String[] TAGS = tagNames();
  public static final String[] LISTS = {"newsletter", "product-updates", "webinars"};
  public static final String[] STATUSES = {"subscribed", "unsubscribed", "bounced", "unconfirmed"};
  public static final String[] COUNTRIES =
      {"US", "GB", "DE", "FR", "CA", "AU", "BR", "IN", "NL", "ES", "JP", "MX"};
  public static final String[] EVENT_TYPES = {"email_open", "email_click", "page_visit",
      "checkout_started", "purchase", "webinar_attended"};
  public static final byte EMAIL_OPEN = 0;
  public static final byte EMAIL_CLICK = 1;
  public static final byte PAGE_VISIT = 2;
  public static final byte CHECKOUT_STARTED = 3;
  public static final byte PURCHASE = 4;
  public static final byte WEBINAR_ATTENDED = 5;
  /** The one property each event type carries, or null. */
  public static final String[] EVENT_PROPERTY = {null, "campaign", "url", null, "amount", "topic"};
  /**
   * Email campaigns. Some start with {@code crm}; {@code CRM-…} and {@code xcrm-…} do not (case
   * and position matter to {@code startsWith}).
   */
  public static final String[] CAMPAIGNS = {"crm-launch", "crm-tips-1", "crm-tips-2",
      "crm-webinar-followup", "CRM-partner-digest", "xcrm-integration", "spring-sale",
      "black-friday", "newsletter-2026-08", "newsletter-2026-09", "newsletter-2026-10",
      "product-update-14", "product-update-15", "onboarding-1", "onboarding-2", "onboarding-3",
      "winback", "webinar-invite", "case-study-acme", "pricing-change"};
  public static final String[] URLS = urls();
  public static final String[] TOPICS = {"crm-basics", "email-deliverability", "automation",
      "analytics", "segmentation", "lead-scoring", "integrations", "pricing", "onboarding",
      "reporting", "mobile", "ecommerce"};
  public static final String[] INDUSTRIES = {"SaaS", "Retail", "Finance", "Healthcare",
      "Manufacturing", "Education", "Media", "Logistics", "Nonprofit", "Other"};
  public static final String[] STAGES =
      {"Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"};
  public static final String[] PIPELINES = {"New business", "Renewal", "Partner"};
  public static final String[] OWNERS = owners();

  /** Marks an unset {@code int} field ({@link #companySize}, {@link #renewalDay}). */
  public static final int UNSET = Integer.MIN_VALUE;

  // contacts
  final int contacts;
  final int[] tagOffsets;
  final byte[] tagIds; // & 0xFF: index into TAGS
  final byte[][] listStatus; // [list][contact]: 0 not on the list, else STATUSES index + 1
  final byte[] country; // index into COUNTRIES, -1 unset
  final int[] companySize; // 1..100,000 or UNSET
  final int[] signupDay; // epoch day
  final int[] lifetimeValue; // whole dollars, mostly 0
  final int[] renewalDay; // epoch day or UNSET
  final float[] lat;
  final float[] lon;
  final int[] account; // index into the account columns, -1 none

  // accounts
  final byte[] accountIndustry; // index into INDUSTRIES
  final int[] accountEmployees;

  // deals, by contact
  final int[] dealOffsets;
  final byte[] dealStage;
  final byte[] dealPipeline;
  final int[] dealValue; // whole dollars
  final byte[] dealOwner;

  // events, by contact, in no particular time order
  final int[] eventOffsets;
  final byte[] eventType;
  final int[] eventSecond; // epoch second
  final short[] eventProp; // index into CAMPAIGNS, URLS or TOPICS, or whole dollars; -1 none

  Dataset(int contacts, int[] tagOffsets, byte[] tagIds, byte[][] listStatus, byte[] country,
      int[] companySize, int[] signupDay, int[] lifetimeValue, int[] renewalDay, float[] lat,
      float[] lon, int[] account, byte[] accountIndustry, int[] accountEmployees,
      int[] dealOffsets, byte[] dealStage, byte[] dealPipeline, int[] dealValue, byte[] dealOwner,
      int[] eventOffsets, byte[] eventType, int[] eventSecond, short[] eventProp) {
    this.contacts = contacts;
    this.tagOffsets = tagOffsets;
    this.tagIds = tagIds;
    this.listStatus = listStatus;
    this.country = country;
    this.companySize = companySize;
    this.signupDay = signupDay;
    this.lifetimeValue = lifetimeValue;
    this.renewalDay = renewalDay;
    this.lat = lat;
    this.lon = lon;
    this.account = account;
    this.accountIndustry = accountIndustry;
    this.accountEmployees = accountEmployees;
    this.dealOffsets = dealOffsets;
    this.dealStage = dealStage;
    this.dealPipeline = dealPipeline;
    this.dealValue = dealValue;
    this.dealOwner = dealOwner;
    this.eventOffsets = eventOffsets;
    this.eventType = eventType;
    this.eventSecond = eventSecond;
    this.eventProp = eventProp;
  }

  /** The number of contacts. */
  public int contacts() {
    return contacts;
  }

  /** The number of events of all contacts. */
  public int events() {
    return eventOffsets[contacts];
  }

  /** The number of deals of all contacts. */
  public int deals() {
    return dealOffsets[contacts];
  }

  /** The number of accounts. */
  public int accounts() {
    return accountIndustry.length;
  }

  /** The number of (contact, tag) pairs. */
  public int tagAssignments() {
    return tagOffsets[contacts];
  }

  /** A contact's user id: {@code c-<row>}. */
  public static String contactId(int contact) {
    return "c-" + contact;
  }

  /** An account's user id. */
  public static String accountId(int account) {
    return "a-" + account;
  }

  /** A deal's user id: its position in the deal columns. */
  public static String dealId(int deal) {
    return "d-" + deal;
  }

  /** The tag of frequency rank {@code rank} (0 is the most frequent). */
  public static String tag(int rank) {
    return TAGS[rank];
  }

  /**
   * The events in time order, by UTC day (within a day in contact order), as a live system would
   * have appended them: {@code order[i]} is an event index and {@code contactOf[i]} its contact.
   * Costs two {@code int}s per event while it is held.
   */
  EventOrder eventsByDay() {
    int n = events();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int second : eventSecond) {
      long day = Math.floorDiv(second, DAY_SECONDS);
      first = Math.min(first, day);
      last = Math.max(last, day);
    }
    if (n == 0) {
      return new EventOrder(new int[0], new int[0]);
    }
    int[] start = new int[(int) (last - first) + 2];
    for (int second : eventSecond) {
      start[(int) (Math.floorDiv(second, DAY_SECONDS) - first) + 1]++;
    }
    for (int d = 1; d < start.length; d++) {
      start[d] += start[d - 1];
    }
    int[] order = new int[n];
    int[] contactOf = new int[n];
    for (int c = 0; c < contacts; c++) {
      for (int e = eventOffsets[c]; e < eventOffsets[c + 1]; e++) {
        int slot = start[(int) (Math.floorDiv(eventSecond[e], DAY_SECONDS) - first)]++;
        order[slot] = e;
        contactOf[slot] = c;
      }
    }
    return new EventOrder(order, contactOf);
  }

  /** Events in some order, each with its contact. */
  record EventOrder(int[] order, int[] contactOf) {}

  /** A fingerprint of every column, to check that generation is deterministic. */
  public long fingerprint() {
    long h = contacts;
    h = 31 * h + Arrays.hashCode(tagOffsets);
    h = 31 * h + Arrays.hashCode(tagIds);
    for (byte[] l : listStatus) {
      h = 31 * h + Arrays.hashCode(l);
    }
    h = 31 * h + Arrays.hashCode(country);
    h = 31 * h + Arrays.hashCode(companySize);
    h = 31 * h + Arrays.hashCode(signupDay);
    h = 31 * h + Arrays.hashCode(lifetimeValue);
    h = 31 * h + Arrays.hashCode(renewalDay);
    h = 31 * h + Arrays.hashCode(lat);
    h = 31 * h + Arrays.hashCode(lon);
    h = 31 * h + Arrays.hashCode(account);
    h = 31 * h + Arrays.hashCode(accountIndustry);
    h = 31 * h + Arrays.hashCode(accountEmployees);
    h = 31 * h + Arrays.hashCode(dealOffsets);
    h = 31 * h + Arrays.hashCode(dealStage);
    h = 31 * h + Arrays.hashCode(dealPipeline);
    h = 31 * h + Arrays.hashCode(dealValue);
    h = 31 * h + Arrays.hashCode(dealOwner);
    h = 31 * h + Arrays.hashCode(eventOffsets);
    h = 31 * h + Arrays.hashCode(eventType);
    h = 31 * h + Arrays.hashCode(eventSecond);
    h = 31 * h + Arrays.hashCode(eventProp);
    return h;
  }

  @Override
  public String toString() {
    return String.format("%,d contacts, %,d tag assignments, %,d accounts, %,d deals, %,d events",
        contacts, tagAssignments(), accounts(), deals(), events());
  }

  private static String[] tagNames() {
    String[] named = {"status-lead", "source-organic", "interest-email", "source-webinar",
        "interest-crm", "status-customer", "source-ads", "interest-analytics", "source-referral",
        "interest-automation"};
    String[] tags = Arrays.copyOf(named, 200);
    for (int rank = named.length; rank < tags.length; rank++) {
      tags[rank] = String.format("tag-%03d", rank);
    }
    return tags;
  }

  private static String[] urls() {
    String[] urls = new String[200];
    String[] fixed = {"https://example.com/", "https://example.com/pricing",
        "https://example.com/features/crm", "https://example.com/signup",
        "https://example.com/checkout", "https://example.com/docs"};
    System.arraycopy(fixed, 0, urls, 0, fixed.length);
    for (int i = fixed.length; i < urls.length; i++) {
      urls[i] = "https://example.com/blog/post-" + i;
    }
    return urls;
  }

  private static String[] owners() {
    String[] owners = new String[24];
    for (int i = 0; i < owners.length; i++) {
      owners[i] = String.format("rep-%02d", i + 1);
    }
    return owners;
  }
}
