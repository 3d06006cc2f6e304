package org.segmentdsl.examples;

import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.LiveSegments;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentChange;
import org.segmentdsl.SegmentListener;

/**
 * Two live segments drive a pretend mailer while three days of changes and clock ticks play: an
 * abandoned-cart segment that sends a reminder an hour after a checkout without a purchase, and a
 * "new lead who opened no email in three days" segment that sends a nudge. Contacts enter when
 * data changes (a checkout, a purchase, an opened email) and when time alone passes (the hour
 * after a checkout, the third day without an open).
 *
 * <pre>
 * ./mvnw -q -B -pl examples -am compile exec:java -Dexample=LiveMailer
 * </pre>
 */
public final class LiveMailer {
  static final ZoneId ZONE = ZoneId.of("Europe/Paris");
  static final Instant START = Instant.parse("2026-12-01T07:00:00Z"); // 08:00 in Paris

  /** Started a checkout in the last day, not in the last hour, and bought nothing since. */
  public static final Segment ABANDONED_CART = Segment.builder()
      .id("abandoned-cart")
      .name("Abandoned cart: checkout over an hour ago, no purchase")
      .where(all(
          event("checkout_started").inLast(Duration.ofDays(1)),
          not(event("checkout_started").inLast(Duration.ofHours(1))),
          not(event("purchase").inLast(Duration.ofDays(1)))))
      .build();

  /** A lead who signed up 3 to 14 days ago and opened no email in the last 3 days. */
  public static final Segment QUIET_NEW_LEADS = Segment.builder()
      .id("quiet-new-leads")
      .name("New leads with no email opened in 3 days")
      .where(all(
          tag("status-lead"),
          datetimeField("signed_up_at").inLast(Duration.ofDays(14)),
          datetimeField("signed_up_at").olderThan(Duration.ofDays(3)),
          event("email_open").never().inLast(Duration.ofDays(3))))
      .build();

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("EEE HH:mm").withZone(ZONE);

  private LiveMailer() {}

  /** What the pretend mailer did, in order. */
  public record Sent(Instant at, String action, String contact) {
    @Override
    public String toString() {
      return CLOCK.format(at) + "  " + action + " " + contact;
    }
  }

  public static void main(String[] args) throws InterruptedException {
    play(System.out);
  }

  /** Plays the story, printing each step and the mailer's actions; returns the actions. */
  public static List<Sent> play(PrintStream out) throws InterruptedException {
    Schema schema = Schema.builder().contactField("signed_up_at", FieldType.DATETIME).build();
    ContactIndex index = ContactIndex.create(schema);
    index.update(batch -> batch
        .upsert(lead("ana", "2026-11-27T10:00:00Z"))
        .upsert(lead("ben", "2026-11-29T09:00:00Z"))
        .upsert(Contact.builder("cleo").tags("status-customer").build()));

    List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
    try (LiveSegments live = LiveSegments.builder(index)
        .clock(Clock.fixed(START, ZONE))
        .build()) {
      live.register(ABANDONED_CART, ZONE, mailer(sent, out,
          "send a cart reminder to", "cancel the cart reminder of"));
      live.register(QUIET_NEW_LEADS, ZONE, mailer(sent, out,
          "send a nudge to", "stop nudging"));
      // Registration reports nothing: ana has been quiet for 3 days already, and is a member
      // from the start, without a notification.
      out.println(CLOCK.format(START) + "  registered; quiet new leads now: "
          + live.segments().get(1).members().ids());

      Story story = new Story(index, live, out);
      story.at("2026-12-01T07:05:00Z", "ben starts a checkout",
          b -> b.record(Event.of("ben", "checkout_started", story.now())));
      story.tick("2026-12-01T08:00:00Z"); // 55 minutes: not abandoned yet
      story.tick("2026-12-01T08:10:00Z"); // over an hour: ben enters abandoned-cart
      story.at("2026-12-01T08:30:00Z", "ana opens an email",
          b -> b.record(Event.of("ana", "email_open", story.now())));
      story.at("2026-12-01T09:00:00Z", "cleo starts a checkout",
          b -> b.record(Event.of("cleo", "checkout_started", story.now())));
      story.at("2026-12-01T09:20:00Z", "cleo buys",
          b -> b.record(Event.of("cleo", "purchase", story.now())));
      story.tick("2026-12-01T10:30:00Z"); // cleo bought in time: never abandoned
      story.at("2026-12-01T11:00:00Z", "ben buys after the reminder",
          b -> b.record(Event.of("ben", "purchase", story.now())));
      story.tick("2026-12-02T10:00:00Z"); // ben signed up 3 days ago, opened nothing
      story.at("2026-12-02T10:15:00Z", "ben is now a customer",
          b -> b.removeTag("ben", "status-lead").addTag("ben", "status-customer"));
      story.tick("2026-12-04T09:00:00Z"); // ana's open is over 3 days old
      return List.copyOf(sent);
    }
  }

  private static Contact lead(String id, String signedUp) {
    return Contact.builder(id).tags("status-lead")
        .field("signed_up_at", Instant.parse(signedUp)).build();
  }

  /** A listener that does the mailer's work: one action on entry, another on exit. */
  private static SegmentListener mailer(List<Sent> sent, PrintStream out, String onEnter,
      String onExit) {
    return SegmentListener.of(
        change -> {
          record(sent, out, change, onEnter, change.entered());
          record(sent, out, change, onExit, change.exited());
        },
        // the queue overflowed: a real mailer would reconcile its schedule with the members
        resync -> out.println("resynchronise " + resync.key() + ": " + resync.members()));
  }

  private static void record(List<Sent> sent, PrintStream out, SegmentChange change,
      String action, List<String> contacts) {
    for (String id : contacts) {
      Sent s = new Sent(change.now(), action, id);
      sent.add(s);
      out.println("           mailer [" + change.key() + "]: " + action + " " + id);
    }
  }

  /** Plays steps one at a time, waiting for the mailer after each so that the log reads in order. */
  private static final class Story {
    private final ContactIndex index;
    private final LiveSegments live;
    private final PrintStream out;

    Story(ContactIndex index, LiveSegments live, PrintStream out) {
      this.index = index;
      this.live = live;
      this.out = out;
    }

    Instant now() {
      return live.now();
    }

    /** Moves the clock to {@code at}, then applies a batch. */
    void at(String at, String what, Consumer<IndexBatch> batch) throws InterruptedException {
      live.advanceTo(Instant.parse(at));
      awaitMailer();
      out.println(CLOCK.format(live.now()) + "  " + what);
      index.update(batch);
      awaitMailer();
    }

    /** Only time passes. */
    void tick(String at) throws InterruptedException {
      out.println(CLOCK.format(Instant.parse(at)) + "  (tick)");
      live.advanceTo(Instant.parse(at));
      awaitMailer();
    }

    private void awaitMailer() throws InterruptedException {
      if (!live.awaitDelivered(Duration.ofSeconds(10))) {
        throw new IllegalStateException("the mailer did not keep up");
      }
    }
  }
}
