package org.segmentdsl.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Event;
import org.segmentdsl.Schema;

/**
 * One event recorded in a batch of its own on a contact that has {@link #events} already, as a
 * tracking stream sends them: the cost per event should not grow with the contact's history.
 * Each measured iteration starts on a fresh index and times {@value #APPENDS} such batches in a
 * row (so the contact grows by at most {@value #APPENDS} events during one): JMH's score is the
 * time of those {@value #APPENDS} batches, so in milliseconds it reads as microseconds per event.
 *
 * <pre>
 * java -cp 'segment-benchmarks/target/classes:segment-benchmarks/target/lib/*' \
 *     org.openjdk.jmh.Main EventAppendBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = EventAppendBenchmark.APPENDS)
@Measurement(iterations = 10, batchSize = EventAppendBenchmark.APPENDS)
@Fork(1)
public class EventAppendBenchmark {
  static final int APPENDS = 1_000;
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** The events the contact has before the timed batches. */
  @Param({"1000", "100000"})
  public int events;

  private ContactIndex index;
  private long next;

  @Setup(Level.Iteration)
  public void setUp() {
    index = ContactIndex.create(Schema.builder().build());
    List<Event> history = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      history.add(Event.of("busy", i % 5 == 0 ? "email_click" : "page_view",
          START.plusSeconds(i), i % 3 == 0 ? Map.of("url", "/p" + i % 7) : Map.of()));
    }
    index.update(b -> {
      b.upsert(Contact.builder("busy").build());
      history.forEach(b::record);
    });
    next = events;
  }

  @Benchmark
  public Object appendOneEvent() {
    long i = next++;
    return index.record(Event.of("busy", "page_view", START.plusSeconds(i),
        i % 3 == 0 ? Map.of("url", "/p" + i % 7) : Map.of()));
  }
}
