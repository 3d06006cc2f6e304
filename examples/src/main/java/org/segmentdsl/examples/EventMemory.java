package org.segmentdsl.examples;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Event;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.Schema;

/**
 * Measures the heap an index spends per event: records {@code contacts x perContact} events
 * without properties (times spread over a year at a given resolution, types taken in turn, a
 * fixed seed) and compares the live heap before and after. A measurement program, not a test:
 * run it with a large heap, for example
 *
 * <pre>
 * ./mvnw -q -B -pl examples -am compile exec:java -Dexample=EventMemory \
 *     -Dexec.args="1000000 20 s 6"
 * </pre>
 *
 * <p>Arguments: contacts (200000), events per contact (20), time resolution {@code s}, {@code ms}
 * or {@code us} (s), event types (2), and {@code skewed} to weight up to 6 types 45/20/20/8/5/2%
 * as a marketing stream is (opens far more often than purchases) instead of taking them in turn.
 */
public final class EventMemory {
  private EventMemory() {}

  public static void main(String[] args) {
    int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int perContact = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String resolution = args.length > 2 ? args[2] : "s";
    long unit = switch (resolution) {
      case "s" -> 1_000_000L;
      case "ms" -> 1_000L;
      case "us" -> 1L;
      default -> throw new IllegalArgumentException("resolution is s, ms or us: " + resolution);
    };
    int types = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    // "skewed": types weighted like a marketing event stream (opens far more than purchases)
    boolean skewed = args.length > 4 && args[4].equals("skewed");
    double[] weights = {0.45, 0.2, 0.2, 0.08, 0.05, 0.02};
    String[] typeNames = new String[types];
    for (int t = 0; t < types; t++) {
      typeNames[t] = "type_" + t;
    }
    Instant now = Instant.parse("2026-11-28T12:00:00Z");
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    int batch = 10_000;
    for (int from = 0; from < contacts; from += batch) {
      int start = from;
      index.update(b -> {
        for (int i = start; i < Math.min(start + batch, contacts); i++) {
          b.upsert(Contact.builder("c-" + i).build());
        }
      });
    }
    long before = liveHeap();
    SplittableRandom random = new SplittableRandom(42);
    long t0 = System.nanoTime();
    for (int from = 0; from < contacts; from += batch) {
      int start = from;
      index.update(b -> {
        for (int i = start; i < Math.min(start + batch, contacts); i++) {
          for (int k = 0; k < perContact; k++) {
            long micros = random.nextLong(365L * 86_400_000_000L) / unit * unit;
            int type = k % types;
            if (skewed) {
              double u = random.nextDouble();
              type = 0;
              for (double w = weights[0]; u > w && type < types - 1; w += weights[++type]) {
                // the first type whose cumulative weight passes u
              }
            }
            b.record(Event.of("c-" + i, typeNames[type],
                now.minus(Duration.ofNanos(micros * 1000))));
          }
        }
      });
    }
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    IndexSnapshot snapshot = index.snapshot();
    long after = liveHeap();
    long events = (long) contacts * perContact;
    System.out.printf("%,d contacts x %d events (%s resolution, %d types) = %,d events recorded "
        + "in %d s%n", contacts, perContact, resolution, types, events, seconds);
    System.out.printf("heap for events: %,d bytes = %.2f bytes per event (snapshot version %d)%n",
        after - before, (after - before) / (double) events, snapshot.version());
  }

  static long liveHeap() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
