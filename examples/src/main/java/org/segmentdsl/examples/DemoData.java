package org.segmentdsl.examples;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.segmentdsl.Account;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Deal;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;

/**
 * A realistic demo audience, the same for a given size and seed: contacts of a B2B software
 * company with signup sources, interests, customer status, list subscriptions and typed fields; a
 * year of activity skewed to recent days (email opens and clicks with campaigns, page visits,
 * checkouts and purchases, webinar registrations and attendance, form submits); accounts in
 * several industries and deals in two pipelines.
 *
 * <p>Kept as plain Java objects too, so that every example can check the engine's answer against
 * a plain filter. Immutable once built.
 */
public final class DemoData {
  /** The instant the demo is evaluated at. */
  public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  /** The demo's context: {@link #NOW} in New York. */
  public static final EvaluationContext CONTEXT =
      EvaluationContext.of(NOW, ZoneId.of("America/New_York"));

  public static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("signup_source", FieldType.STRING)
      .contactField("company_size", FieldType.NUMBER)
      .contactField("signup_date", FieldType.DATE)
      .contactField("renewal_date", FieldType.DATE)
      .contactField("last_login", FieldType.DATETIME)
      .contactField("lifetime_value", FieldType.NUMBER)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("location", FieldType.GEO)
      .dealField("stage", FieldType.STRING)
      .dealField("pipeline", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .dealField("close_date", FieldType.DATE)
      .accountField("industry", FieldType.STRING)
      .accountField("employees", FieldType.NUMBER)
      .accountField("plan", FieldType.STRING)
      .build();

  private static final String[] COUNTRIES = {"US", "US", "US", "US", "DE", "FR", "GB", "CA",
      "BR", "IN"};
  private static final String[] SOURCES = {"webinar", "ads", "ads", "organic", "organic",
      "partner", "referral"};
  private static final String[] INTERESTS = {"interest-crm", "interest-email",
      "interest-analytics", "interest-automation"};
  private static final GeoPoint[] CITIES = {new GeoPoint(40.71, -74.0),
      new GeoPoint(34.05, -118.24), new GeoPoint(41.88, -87.63), new GeoPoint(52.52, 13.40),
      new GeoPoint(48.86, 2.35), new GeoPoint(51.51, -0.13), new GeoPoint(-23.55, -46.63)};
  private static final String[] INDUSTRIES = {"SaaS", "SaaS", "Retail", "Finance", "Healthcare",
      "Manufacturing", "Education"};
  private static final String[] CAMPAIGNS = {"crm-launch", "crm-tips-11", "spring-sale",
      "newsletter-11", "analytics-webinar"};
  private static final String[] PAGES = {"/pricing", "/features/crm", "/features/analytics",
      "/blog/analytics-101", "/docs/api", "/checkout"};
  private static final String[] TOPICS = {"analytics", "crm", "automation"};
  private static final String[] STAGES = {"Lead", "Qualified", "Proposal", "Won", "Lost"};

  private final List<Contact> contacts;
  private final List<Account> accounts;
  private final List<Deal> deals;
  private final List<Event> events;
  private final Map<String, List<Event>> eventsByContact;
  private final Map<String, List<Deal>> dealsByContact;
  private final Map<String, Account> accountsById;

  private DemoData(List<Contact> contacts, List<Account> accounts, List<Deal> deals,
      List<Event> events) {
    this.contacts = List.copyOf(contacts);
    this.accounts = List.copyOf(accounts);
    this.deals = List.copyOf(deals);
    this.events = List.copyOf(events);
    Map<String, List<Event>> byContact = new HashMap<>();
    events.forEach(e -> byContact.computeIfAbsent(e.contactId(), k -> new ArrayList<>()).add(e));
    this.eventsByContact = byContact;
    Map<String, List<Deal>> dealsOf = new HashMap<>();
    deals.forEach(d -> dealsOf.computeIfAbsent(d.contactId(), k -> new ArrayList<>()).add(d));
    this.dealsByContact = dealsOf;
    Map<String, Account> byId = new LinkedHashMap<>();
    accounts.forEach(a -> byId.put(a.id(), a));
    this.accountsById = byId;
  }

  /** Generates {@code size} contacts (and about 1 account per 20 and 0.7 deals per contact). */
  public static DemoData generate(int size, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LocalDate today = CONTEXT.today();
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < Math.max(1, size / 20); i++) {
      Account.Builder a = Account.builder("acct-" + i)
          .field("industry", INDUSTRIES[random.nextInt(INDUSTRIES.length)])
          .field("plan", random.nextInt(3) == 0 ? "enterprise" : "team");
      if (random.nextInt(10) != 0) {
        a.field("employees", (int) Math.round(Math.exp(random.nextDouble(Math.log(5000)))));
      }
      accounts.add(a.build());
    }
    List<Contact> contacts = new ArrayList<>(size);
    List<Deal> deals = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String id = "c-" + i;
      Contact.Builder c = Contact.builder(id);
      String source = SOURCES[random.nextInt(SOURCES.length)];
      c.tags("source-" + source);
      for (String interest : INTERESTS) {
        if (random.nextInt(4) == 0) {
          c.tags(interest);
        }
      }
      boolean customer = random.nextInt(5) == 0;
      c.tags(customer ? "status-customer" : random.nextInt(3) == 0 ? "status-lead" : "status-prospect");
      if (random.nextInt(50) == 0) {
        c.tags("VIP-Beta");
      }
      c.list("newsletter", random.nextInt(10) < 7 ? ListStatus.SUBSCRIBED
          : ListStatus.values()[random.nextInt(ListStatus.values().length)]);
      if (random.nextInt(3) == 0) {
        c.list("product-updates", random.nextBoolean() ? ListStatus.SUBSCRIBED
            : ListStatus.UNCONFIRMED);
      }
      if (random.nextInt(4) == 0) {
        c.list("webinars", ListStatus.SUBSCRIBED);
      }
      c.field("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
      c.field("signup_source", source);
      if (random.nextInt(8) != 0) {
        c.field("company_size", (int) Math.round(Math.exp(random.nextDouble(Math.log(20_000)))));
      }
      // signups over five years, one in ten in the last month
      int signupAgo = random.nextInt(10) == 0 ? random.nextInt(30) : random.nextInt(5 * 365);
      c.field("signup_date", today.minusDays(signupAgo));
      if (customer) {
        c.field("renewal_date", today.plusDays(random.nextInt(-30, 365)));
        c.field("lifetime_value", Math.round(random.nextDouble(100, 50_000)));
      } else {
        c.field("lifetime_value", 0);
      }
      if (random.nextInt(6) != 0) {
        c.field("last_login", NOW.minusSeconds(random.nextLong(400L * 86_400)));
      }
      c.field("vip", random.nextInt(20) == 0);
      if (random.nextInt(5) != 0) {
        GeoPoint city = CITIES[random.nextInt(CITIES.length)];
        c.field("location", new GeoPoint(city.lat() + random.nextDouble(-0.5, 0.5),
            city.lon() + random.nextDouble(-0.5, 0.5)));
      }
      if (random.nextInt(10) < 7) {
        c.account(accounts.get(random.nextInt(accounts.size())).id());
      }
      contacts.add(c.build());
      int dealCount = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(3);
      for (int d = 0; d < dealCount; d++) {
        deals.add(Deal.builder("d-" + i + "-" + d, id)
            .field("stage", STAGES[random.nextInt(STAGES.length)])
            .field("pipeline", random.nextInt(3) == 0 ? "Partners" : "Sales")
            .field("value", 100 * Math.round(Math.exp(random.nextDouble(Math.log(500)))))
            .field("close_date", today.plusDays(random.nextInt(-120, 120)))
            .build());
      }
      activity(random, id, customer, events);
    }
    return new DemoData(contacts, accounts, deals, events);
  }

  /** A year of one contact's activity, denser in recent weeks. */
  private static void activity(SplittableRandom random, String id, boolean customer,
      List<Event> events) {
    int engagement = random.nextInt(4); // 0: dormant ... 3: very active
    int opens = engagement == 0 ? random.nextInt(2) : random.nextInt(4 * engagement);
    for (int k = 0; k < opens; k++) {
      String campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
      Instant at = recent(random, 365);
      events.add(Event.of(id, "email_open", at, Map.of("campaign", campaign)));
      if (random.nextInt(3) == 0) {
        events.add(Event.of(id, "email_click", at.plusSeconds(30 + random.nextInt(3_600)),
            Map.of("campaign", campaign, "url", PAGES[random.nextInt(PAGES.length)])));
      }
    }
    int visits = random.nextInt(1 + 2 * engagement);
    for (int k = 0; k < visits; k++) {
      events.add(Event.of(id, "page_visit", recent(random, 365),
          Map.of("url", PAGES[random.nextInt(PAGES.length)])));
    }
    if (random.nextInt(25) == 0) {
      Instant at = NOW.minusSeconds(random.nextLong(3 * 86_400L));
      events.add(Event.of(id, "checkout_started", at,
          Map.of("cart_value", (double) random.nextInt(20, 2_000))));
      if (random.nextBoolean()) {
        Instant paid = at.plusSeconds(60 + random.nextInt(4 * 3_600));
        if (!paid.isAfter(NOW)) {
          events.add(Event.of(id, "purchase", paid,
              Map.of("amount", (double) random.nextInt(20, 2_000))));
        }
      }
    }
    if (customer && random.nextBoolean()) {
      events.add(Event.of(id, "purchase", recent(random, 365),
          Map.of("amount", (double) random.nextInt(100, 5_000))));
    }
    if (random.nextInt(6) == 0) {
      String topic = TOPICS[random.nextInt(TOPICS.length)];
      Instant at = recent(random, 365);
      events.add(Event.of(id, "webinar_registered", at.minus(Duration.ofDays(7)),
          Map.of("topic", topic)));
      if (random.nextBoolean()) {
        events.add(Event.of(id, "webinar_attended", at, Map.of("topic", topic)));
      }
    }
    if (random.nextInt(30) == 0) {
      events.add(Event.of(id, "webinar_registered", recent(random, 5),
          Map.of("topic", "analytics-2026-12")));
    }
    if (random.nextInt(8) == 0) {
      events.add(Event.of(id, "form_submit", recent(random, 365),
          Map.of("form", random.nextBoolean() ? "demo-request" : "newsletter")));
    }
  }

  /** An instant in the last {@code days} days, skewed to recent ones. */
  private static Instant recent(SplittableRandom random, int days) {
    double u = random.nextDouble();
    return NOW.minusSeconds((long) (u * u * days * 86_400L));
  }

  /** Loads everything into a new index; returns it. */
  public ContactIndex load() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    // A bulk load is best done as one batch: each ordered column is then built once, where a
    // stream of smaller batches rebuilds it as its delta fills up.
    index.update(b -> {
      accounts.forEach(b::upsertAccount);
      contacts.forEach(b::upsert);
      deals.forEach(b::upsertDeal);
    });
    int batch = 200_000;
    for (int from = 0; from < events.size(); from += batch) {
      List<Event> part = events.subList(from, Math.min(events.size(), from + batch));
      index.update(b -> part.forEach(b::record));
    }
    return index;
  }

  public List<Contact> contacts() {
    return contacts;
  }

  public List<Account> accounts() {
    return accounts;
  }

  public List<Deal> deals() {
    return deals;
  }

  public List<Event> events() {
    return events;
  }

  /** A contact's events, in generation order. */
  public List<Event> eventsOf(String contactId) {
    return eventsByContact.getOrDefault(contactId, Collections.emptyList());
  }

  /** A contact's deals. */
  public List<Deal> dealsOf(String contactId) {
    return dealsByContact.getOrDefault(contactId, Collections.emptyList());
  }

  /** A contact's account, or null. */
  public Account accountOf(Contact c) {
    return c.account() == null ? null : accountsById.get(c.account());
  }

  /**
   * How many of a contact's events of a type lie in {@code (NOW - window, NOW]} and pass a test:
   * the plain definition of an event window, for the examples' checks.
   */
  public long count(Contact c, String type, Duration window,
      java.util.function.Predicate<Event> test) {
    Instant start = NOW.minus(window);
    return eventsOf(c.id()).stream()
        .filter(e -> e.type().equals(type) && e.at().isAfter(start) && !e.at().isAfter(NOW)
            && test.test(e))
        .count();
  }
}
