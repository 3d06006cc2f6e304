package org.segmentdsl.examples.readme;

import static org.segmentdsl.dsl.Conditions.*;

import java.io.IOException;
import java.nio.file.Path;
import java.time.*;
import java.util.List;
import java.util.Map;
import org.segmentdsl.*;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.json.SegmentJson;

/**
 * Every Java block of the README other than the tour ({@link Tour}), each the body of one method
 * here, so that it compiles and runs ({@code ReadmeTest} checks that each README block is found
 * here verbatim, and what each method returns). The methods take what the README's text has
 * defined before the block.
 */
public final class Snippets {
  private Snippets() {}

  /** The README's "Activity is recorded as events": the conditions, in the order written. */
  public static List<Condition> events(ContactIndex index) {
    index.update(batch -> batch
        .record(Event.of("c-1001", "email_click", Instant.parse("2026-11-20T14:03:00Z"),
            Map.of("campaign", "spring-sale", "url", "https://example.com/crm")))
        .record(Event.of("c-1001", "checkout_started", Instant.parse("2026-11-27T18:00:00Z"))));

    // clicked a spring-sale email at least twice in the last 14 days
    Condition clickedTwice = event("email_click").where(prop("campaign").eq("spring-sale"))
        .atLeast(2).inLast(days(14));
    // has not opened in 90 days (also matches contacts that never opened anything)
    Condition dormant = event("email_open").never().inLast(days(90));
    // abandoned cart: started checkout in the last day and did not purchase
    Condition abandonedCart = all(event("checkout_started").inLast(Duration.ofDays(1)),
        not(event("purchase").inLast(Duration.ofDays(1))));
    // attended a webinar on this topic, in November (midnight to midnight, context's zone)
    Condition attended = event("webinar_attended")
        .where(prop("topic").ignoringCase().contains("crm"))
        .between(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1));

    index.dropEventsBefore(Instant.parse("2024-01-01T00:00:00Z")); // retention
    return List.of(clickedTwice, dormant, abandonedCart, attended);
  }

  /** The README's "More of the use cases", in the order written. */
  public static List<Condition> useCases() {
    // Onboarding by signup source
    Condition onboarding = all(field("signup_source").eq("webinar"),
        dateField("signup_date").inLast(days(14)), list("newsletter").subscribed());
    // Customers vs prospects
    Condition customers = tag("status-customer");
    Condition prospects = not(tag("status-customer"));
    // Re-engagement: subscribed but no login for 90 days
    Condition reEngage = all(list("newsletter").subscribed(),
        datetimeField("last_login").olderThan(Duration.ofDays(90)));
    // Renewals due within 30 days
    Condition renewals = all(tag("status-customer"), dateField("renewal_date").inNext(days(30)));
    // Birthday campaign
    Condition birthdays = dateField("birthday").anniversary();
    // Anyone interested in anything, near New York, whose address does not bounce
    Condition nearby = all(tagStartsWith("interest-"),
        geoField("location").withinKm(40.71, -74.0, 100), not(list("newsletter").bounced()));
    return List.of(onboarding, customers, prospects, reEngage, renewals, birthdays, nearby);
  }

  /** The README's deals and accounts block: the two conditions. */
  public static List<Condition> dealsAndAccounts(ContactIndex index) {
    index.update(batch -> batch
        .upsertAccount(Account.builder("acme")
            .field("industry", "SaaS").field("employees", 420).build())
        .setAccount("c-1001", "acme")   // or Contact.builder(..).account("acme") in an upsert
        .upsertDeal(Deal.builder("d-77", "c-1001")
            .field("stage", "Qualified").field("pipeline", "Sales").field("value", 12_000)
            .build()));

    // a deal in stage Qualified, in the Sales pipeline, worth 1,000 or more: all on one deal
    Condition qualified = deal(all(field("stage").eq("Qualified"),
        field("pipeline").eq("Sales"), numberField("value").gte(1000)));
    // leads at SaaS accounts with more than 200 employees
    Condition saasLeads = all(tag("interest-crm"),
        account(all(field("industry").eq("SaaS"), numberField("employees").gt(200))));
    return List.of(qualified, saasLeads);
  }

  /** The README's segment references block. */
  public static SegmentResult references(ContactIndex index, Segment engagedLeads,
      EvaluationContext ctx) {
    Segment customers = Segment.builder().id("customers").where(tag("status-customer")).build();
    SegmentRegistry saved = SegmentRegistry.of(engagedLeads, customers);

    Segment target = Segment.of(all(inSegment("engaged-crm-leads"), not(inSegment("customers"))));
    SegmentResult result = index.evaluate(target, ctx.withSegments(saved));
    return result;
  }

  /** The README's saved-segment JSON block, on {@code examples/segments/nurture-crm.json}. */
  public static List<Segment> json(Path file, Schema schema, SegmentRegistry saved)
      throws IOException {
    Segment nurture = SegmentJson.read(file);
    String json = SegmentJson.write(nurture);  // canonical: one line, same segment, same bytes
    Segment again = SegmentJson.read(json);    // again.equals(nurture): JSON and DSL, one tree
    // checked against a schema and the saved segments its references name:
    Segment checked = SegmentJson.read(file, schema, saved);
    return List.of(nurture, again, checked);
  }

  /** What the live segments block of the README sends reminders through. */
  public interface Mailer {
    /** A contact entered the abandoned-cart segment. */
    void scheduleCartReminder(String contactId);

    /** A contact left it. */
    void cancelCartReminder(String contactId);

    /** The listener missed changes: these are the members now, in index order. */
    void reconcileCartReminders(List<String> members);
  }

  /** The README's live segments block; returns the live segments (close them when done). */
  public static LiveSegments live(ContactIndex index, SegmentRegistry saved, Mailer mailer) {
    LiveSegments live = LiveSegments.builder(index)
        .segments(saved)                        // what inSegment("...") references resolve against
        .build();                               // now = the system clock's instant (UTC)

    Segment abandonedCart = Segment.builder().id("abandoned-cart")
        .where(all(
            event("checkout_started").inLast(Duration.ofDays(1)),
            not(event("checkout_started").inLast(Duration.ofHours(1))),
            not(event("purchase").inLast(Duration.ofDays(1)))))
        .build();

    LiveSegment carts = live.register(abandonedCart, ZoneId.of("Europe/Paris"),
        SegmentListener.of(
            change -> {
              change.entered().forEach(mailer::scheduleCartReminder);  // ids, in index order
              change.exited().forEach(mailer::cancelCartReminder);     // also removed contacts
            },
            resync -> mailer.reconcileCartReminders(resync.members())));

    index.update(batch -> batch.record(Event.of("c-1001", "checkout_started", Instant.now())));
    live.tickEvery(Duration.ofMinutes(1));      // an hour later, c-1001 enters, no data change
    carts.members();                            // the membership now, as a SegmentResult
    return live;
  }

  /** The README's snapshot block; returns the loaded index. */
  public static ContactIndex snapshot(ContactIndex index, SegmentRegistry registry, Path file)
      throws IOException {
    SnapshotFile.save(index, registry, file);   // while writers go on
    SnapshotFile.Loaded loaded = SnapshotFile.load(file);
    ContactIndex restored = loaded.index();      // same answers, same ids() order, takes batches
    SegmentRegistry segments = loaded.segments();
    return segments.equals(registry) ? restored : null;
  }

  /** The README's cancellation block; returns the result, or null if it was cancelled. */
  public static SegmentResult cancellation(ContactIndex index, Segment segment, Instant now) {
    Cancellation cancel = new Cancellation();            // thread-safe: cancel() from any thread
    EvaluationContext ctx = EvaluationContext.at(now)
        .withTimeout(Duration.ofSeconds(2))
        .withCancellation(cancel);
    SegmentResult result;
    try {
      result = index.evaluate(segment, ctx);
    } catch (EvaluationCancelledException e) {
      result = null; // e.reason() is DEADLINE or CANCELLED
    }
    return result;
  }

  /** The README's event buffer block. */
  public static void eventBuffer(ContactIndex index) {
    EventBuffer events = new EventBuffer();
    events.add("c-1001", "email_click", Instant.parse("2026-11-20T14:03:00Z"),
        Map.of("campaign", "spring-sale"));
    events.add("c-1002", "page_visit", Instant.parse("2026-11-20T14:05:00Z"));
    index.update(batch -> batch.recordAll(events));
    events.clear(); // then fill it again
  }

  /** The README's "Keeping segments healthy" block: why, lint, tags, overlap, report. */
  public static List<Object> insight(ContactIndex index, Segment segment, Segment other,
      SegmentRegistry saved, EvaluationContext ctx) {
    IndexSnapshot snapshot = index.snapshot();          // one state for every answer below
    ContactExplanation why = snapshot.why(segment, "c-1001", ctx).orElseThrow();
    System.out.print(why);                              // the tree: yes/no, what decided
    for (LintFinding finding : snapshot.lint(segment, ctx)) {
      System.out.println(finding);                      // /where/all/0: unknown-tag: ...
    }
    TagAudit tags = snapshot.tagAudit(saved);           // counts, variants, unused tags
    SegmentOverlap overlap = snapshot.overlap(List.of(segment, other), ctx);
    SegmentReport report = snapshot.report(segment, ctx);
    return List.of(why, snapshot.lint(segment, ctx), tags, overlap, report);
  }
}
