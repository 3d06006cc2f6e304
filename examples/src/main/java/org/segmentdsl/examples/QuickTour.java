package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.days;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.geoField;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.condition.Not;

/**
 * The README's tour, runnable: builds a demo audience of 100,000 contacts (fixed seed), evaluates
 * the marketing team's everyday segments, and prints each one's size, time and explain tree.
 * Self-checking: every count is compared with a plain Java filter over the same contacts, and
 * every segment with its negation must split the audience exactly.
 */
public final class QuickTour {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("signup_source", FieldType.STRING)
      .contactField("company_size", FieldType.NUMBER)
      .contactField("signup_date", FieldType.DATE)
      .contactField("renewal_date", FieldType.DATE)
      .contactField("last_login", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("location", FieldType.GEO)
      .build();

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final EvaluationContext CONTEXT = EvaluationContext.of(NOW, ZoneId.of("America/New_York"));

  private static final String[] COUNTRIES = {"US", "US", "US", "DE", "FR", "GB", "CA", "BR"};
  private static final String[] SOURCES = {"webinar", "ads", "organic", "partner", "referral"};
  private static final String[] INTERESTS = {"interest-crm", "interest-email", "interest-analytics"};
  private static final GeoPoint[] CITIES = {new GeoPoint(40.71, -74.0), new GeoPoint(34.05, -118.24),
      new GeoPoint(52.52, 13.40), new GeoPoint(48.86, 2.35), new GeoPoint(51.51, -0.13)};

  /** One example: its segment and the plain Java filter that must select the same contacts. */
  record Example(Segment segment, Predicate<Contact> expected) {}

  /** The demo's events by contact id, for the plain filters. */
  private static Map<String, List<Event>> eventsByContact = Map.of();

  /** What one example printed. */
  record Outcome(String name, int count, long micros) {}

  private QuickTour() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Builds the demo, runs every example, prints and checks them; returns what was printed. */
  public static List<Outcome> run(PrintStream out) {
    List<Contact> contacts = demoContacts(100_000, 42);
    List<Event> events = demoEvents(contacts, 43);
    eventsByContact = events.stream().collect(Collectors.groupingBy(Event::contactId));
    ContactIndex index = ContactIndex.create(SCHEMA);
    long t0 = System.nanoTime();
    index.update(batch -> contacts.forEach(batch::upsert));
    index.update(batch -> events.forEach(batch::record));
    out.printf("Indexed %,d contacts and %,d events in %d ms%n%n", index.size(), events.size(),
        (System.nanoTime() - t0) / 1_000_000);

    IndexSnapshot snapshot = index.snapshot();
    List<Outcome> outcomes = new ArrayList<>();
    for (Example example : examples()) {
      Segment segment = example.segment();
      long start = System.nanoTime();
      SegmentResult result = snapshot.evaluate(segment, CONTEXT);
      long micros = (System.nanoTime() - start) / 1000;
      long expected = contacts.stream().filter(example.expected()).count();
      if (result.count() != expected) {
        throw new IllegalStateException(segment.name() + ": engine found " + result.count()
            + " contacts, a plain filter " + expected);
      }
      int others = snapshot.evaluate(new Not(segment.condition()), CONTEXT).count();
      if (result.count() + others != snapshot.size()) {
        throw new IllegalStateException(segment.name() + " and its negation do not split the audience");
      }
      out.printf("%s: %,d contacts in %,d µs%n", segment.name(), result.count(), micros);
      out.println(snapshot.explain(segment, CONTEXT).toString().indent(2));
      outcomes.add(new Outcome(segment.name(), result.count(), micros));
    }
    return outcomes;
  }

  /** The segments of the README, each with the filter it must agree with. */
  static List<Example> examples() {
    LocalDate today = CONTEXT.today();
    return List.of(
        new Example(Segment.builder().id("onboarding-webinar").name("Onboarding: webinar signups, last 14 days")
            .where(all(field("signup_source").eq("webinar"),
                dateField("signup_date").inLast(days(14)), list("newsletter").subscribed()))
            .build(),
            c -> "webinar".equals(c.fields().get("signup_source"))
                && ((LocalDate) c.fields().get("signup_date")).isAfter(today.minusDays(14))
                && !((LocalDate) c.fields().get("signup_date")).isAfter(today)
                && c.lists().get("newsletter") == ListStatus.SUBSCRIBED),
        new Example(Segment.builder().id("nurture-crm").name("Nurture: CRM-interested prospects, 50+ staff")
            .where(all(tag("interest-crm"), not(tag("status-customer")),
                numberField("company_size").gte(50)))
            .build(),
            c -> c.tags().contains("interest-crm") && !c.tags().contains("status-customer")
                && c.fields().get("company_size") instanceof Number n && n.doubleValue() >= 50),
        new Example(Segment.builder().id("customers").name("Customers")
            .where(tag("status-customer")).build(),
            c -> c.tags().contains("status-customer")),
        new Example(Segment.builder().id("re-engage").name("Re-engage: subscribed, no login for 90 days")
            .where(all(list("newsletter").subscribed(),
                datetimeField("last_login").olderThan(Duration.ofDays(90))))
            .build(),
            c -> c.lists().get("newsletter") == ListStatus.SUBSCRIBED
                && c.fields().get("last_login") instanceof Instant i
                && !i.isAfter(NOW.minus(Duration.ofDays(90)))),
        new Example(Segment.builder().id("renewals-due").name("Renewals due within 30 days")
            .where(all(tag("status-customer"), dateField("renewal_date").inNext(days(30))))
            .build(),
            c -> c.tags().contains("status-customer")
                && c.fields().get("renewal_date") instanceof LocalDate d
                && !d.isBefore(today) && d.isBefore(today.plusDays(30))),
        new Example(Segment.builder().id("nyc-webinar-invite").name("Webinar invite: interested, near New York")
            .where(all(tagStartsWith("interest-"), geoField("location").withinKm(40.71, -74.0, 100),
                not(list("newsletter").bounced())))
            .build(),
            c -> c.tags().stream().anyMatch(t -> t.startsWith("interest-"))
                && c.fields().get("location") instanceof GeoPoint p
                && new GeoPoint(40.71, -74.0).distanceKm(p.lat(), p.lon()) <= 100
                && c.lists().get("newsletter") != ListStatus.BOUNCED),
        new Example(Segment.builder().id("spring-sale-clickers")
            .name("Clicked the spring sale twice in 14 days")
            .where(event("email_click").where(prop("campaign").eq("spring-sale")).atLeast(2)
                .inLast(Duration.ofDays(14)))
            .build(),
            c -> count(c, "email_click", Duration.ofDays(14),
                e -> "spring-sale".equals(e.props().get("campaign"))) >= 2),
        new Example(Segment.builder().id("dormant").name("Subscribed, no email open in 90 days")
            .where(all(list("newsletter").subscribed(),
                event("email_open").never().inLast(Duration.ofDays(90))))
            .build(),
            c -> c.lists().get("newsletter") == ListStatus.SUBSCRIBED
                && count(c, "email_open", Duration.ofDays(90), e -> true) == 0),
        new Example(Segment.builder().id("abandoned-carts").name("Abandoned carts, last day")
            .where(all(event("checkout_started").inLast(Duration.ofDays(1)),
                not(event("purchase").inLast(Duration.ofDays(1)))))
            .build(),
            c -> count(c, "checkout_started", Duration.ofDays(1), e -> true) >= 1
                && count(c, "purchase", Duration.ofDays(1), e -> true) == 0));
  }

  /** A contact's events of a type in {@code (NOW - window, NOW]} that pass a test. */
  private static long count(Contact c, String type, Duration window, Predicate<Event> test) {
    return eventsByContact.getOrDefault(c.id(), List.of()).stream()
        .filter(e -> e.type().equals(type) && e.at().isAfter(NOW.minus(window))
            && !e.at().isAfter(NOW) && test.test(e))
        .count();
  }

  /** A realistic stream of activity: opens, clicks, checkouts and purchases over 200 days. */
  static List<Event> demoEvents(List<Contact> contacts, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] campaigns = {"spring-sale", "crm-launch", "newsletter-11"};
    List<Event> events = new ArrayList<>();
    for (Contact c : contacts) {
      int opens = random.nextInt(8);
      for (int i = 0; i < opens; i++) {
        String campaign = campaigns[random.nextInt(campaigns.length)];
        Instant at = NOW.minusSeconds(random.nextLong(200L * 86_400));
        events.add(Event.of(c.id(), "email_open", at, Map.of("campaign", campaign)));
        if (random.nextInt(3) == 0) {
          events.add(Event.of(c.id(), "email_click", at.plusSeconds(random.nextInt(3600)),
              Map.of("campaign", campaign, "url", "https://example.com/" + campaign)));
        }
      }
      if (random.nextInt(20) == 0) {
        Instant checkout = NOW.minusSeconds(random.nextLong(3L * 86_400));
        events.add(Event.of(c.id(), "checkout_started", checkout));
        if (random.nextBoolean()) {
          events.add(Event.of(c.id(), "purchase", checkout.plusSeconds(600),
              Map.of("amount", 20 + random.nextInt(500))));
        }
      }
    }
    return events;
  }

  /** A realistic audience: a fixed seed gives the same contacts every run. */
  static List<Contact> demoContacts(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    LocalDate today = CONTEXT.today();
    List<Contact> contacts = new ArrayList<>(n);
    ListStatus[] statuses = ListStatus.values();
    for (int i = 0; i < n; i++) {
      Contact.Builder c = Contact.builder("c-" + (100_000 + i));
      boolean customer = random.nextInt(5) == 0;
      c.tags(customer ? "status-customer" : "status-lead");
      for (String interest : INTERESTS) {
        if (random.nextInt(3) == 0) {
          c.tags(interest);
        }
      }
      if (random.nextInt(4) != 0) {
        c.list("newsletter", random.nextInt(5) < 3 ? ListStatus.SUBSCRIBED
            : statuses[random.nextInt(statuses.length)]);
      }
      c.field("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
      c.field("signup_source", SOURCES[random.nextInt(SOURCES.length)]);
      if (random.nextInt(10) != 0) {
        c.field("company_size", 1 + random.nextInt(2000) / (1 + random.nextInt(20)));
      }
      c.field("signup_date", today.minusDays(random.nextInt(3 * 365)));
      if (customer) {
        c.field("renewal_date", today.plusDays(random.nextInt(365)));
        c.field("vip", random.nextInt(10) == 0);
      }
      c.field("last_login", NOW.minusSeconds(random.nextLong(200L * 86_400)));
      GeoPoint city = CITIES[random.nextInt(CITIES.length)];
      c.field("location", new GeoPoint(city.lat() + random.nextDouble(-1.5, 1.5),
          city.lon() + random.nextDouble(-1.5, 1.5)));
      contacts.add(c.build());
    }
    return contacts;
  }

  /** The contacts of {@link #demoContacts} by id (for tests). */
  static Map<String, Contact> byId(List<Contact> contacts) {
    Map<String, Contact> m = new java.util.LinkedHashMap<>();
    contacts.forEach(c -> m.put(c.id(), c));
    return m;
  }
}
