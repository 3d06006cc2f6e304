package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.ReadMeter;

class ReadMeterTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final EvaluationContext CTX = EvaluationContext.at(NOW);

  private static ContactIndex index() {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.update(b -> {
      for (int i = 0; i < 5_000; i++) {
        b.upsert(Contact.builder("c" + i).tags(i % 3 == 0 ? "vip" : "lead").build());
        if (i % 7 == 0) {
          b.record(Event.of("c" + i, "email_open", NOW.minusSeconds(3_600L * (i % 50))));
        }
      }
    });
    return index;
  }

  @Test
  void aTagConditionReadsItsBitmapOnce() {
    ContactIndex index = index();
    IndexSnapshot snapshot = index.snapshot();
    RoaringBitmap vip = snapshot.data().tags().get("vip");
    long read = ReadMeter.measure(() -> snapshot.evaluate(all(tag("vip"), tag("vip")), CTX));
    assertThat(read).isEqualTo(vip.serializedSizeInBytes());
  }

  @Test
  void eventWindowsCountTheirBucketsAndTheBlobsTheyDecode() {
    ContactIndex index = index();
    IndexSnapshot snapshot = index.snapshot();
    long tagOnly = ReadMeter.measure(() -> snapshot.evaluate(tag("vip"), CTX));
    long withEvents = ReadMeter.measure(() -> snapshot.evaluate(
        all(tag("vip"), event("email_open").atLeast(2).inLast(Duration.ofDays(1))), CTX));
    assertThat(withEvents).isGreaterThan(tagOnly);
  }

  @Test
  void otherThreadsAndCallsOutsideAreNotCounted() throws Exception {
    ContactIndex index = index();
    IndexSnapshot snapshot = index.snapshot();
    long alone = ReadMeter.measure(() -> snapshot.evaluate(tag("vip"), CTX));
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch otherDone = new CountDownLatch(1);
    AtomicLong measured = new AtomicLong();
    Thread other = new Thread(() -> {
      try {
        inside.await();
        snapshot.evaluate(tag("lead"), CTX); // not the measuring thread
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        otherDone.countDown();
      }
    });
    other.start();
    measured.set(ReadMeter.measure(() -> {
      inside.countDown();
      try {
        otherDone.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return snapshot.evaluate(tag("vip"), CTX);
    }));
    other.join();
    assertThat(measured.get()).isEqualTo(alone);
    snapshot.evaluate(tag("vip"), CTX); // outside measure: nothing to count, nothing fails
  }
}
