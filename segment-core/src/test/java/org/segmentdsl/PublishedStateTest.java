package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.internal.write.SnapshotWriter;

/**
 * A published state never changes: later batches share its bitmaps' untouched containers
 * ({@code WriteScope}) but must clone every container they change. The test keeps an old state,
 * writes it as a snapshot file's bytes and evaluates every probe on it, then commits random
 * batches of every kind (upserts, field, tag and list changes, removals and re-additions, events,
 * deals, accounts, dropping old events) and checks after each that the old state still writes
 * the same bytes and gives the same answers. Below 65,536 contacts a bitmap is one container, so
 * every change touches a container the old state holds; the larger index has several.
 */
class PublishedStateTest {
  private static final int SEEDS = 12;

  @Test
  void laterBatchesLeaveAnOldStateAsItWas() throws IOException {
    for (int s = 0; s < SEEDS; s++) {
      long seed = 0x5EED_0000L + s;
      check(300 + 200 * s, seed, 10);
    }
  }

  @Test
  void laterBatchesLeaveAnOldStateAsItWasAcrossContainers() throws IOException {
    check(140_000, 0x5EED_1000L, 4);
  }

  private static void check(int contacts, long seed, int batches) throws IOException {
    ContactIndex index = SnapshotFixture.build(contacts, 3, seed);
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E37_79B9L);
    for (int b = 0; b < batches; b++) {
      IndexSnapshot old = index.snapshot();
      SnapshotWriter.State state = index.capture();
      byte[] before = bytes(state);
      List<List<String>> answers = SnapshotFixture.answers(old, SnapshotFixture.savedSegments());
      int batch = b;
      if (b % 5 == 4) {
        index.dropEventsBefore(SnapshotFixture.NOW.minusSeconds(86_400L * (300 - 40 * b)));
      } else {
        index.update(ib -> mutate(ib, contacts, rnd, batch));
      }
      String where = "seed " + seed + ", " + contacts + " contacts, after batch " + b;
      assertThat(index.snapshot().version()).as(where).isGreaterThan(old.version());
      byte[] after = bytes(state);
      assertThat(Arrays.mismatch(before, after))
          .as(where + ": the first byte at which the old state's snapshot bytes changed (of %d)",
              before.length)
          .isEqualTo(-1);
      assertThat(SnapshotFixture.answers(old, SnapshotFixture.savedSegments()))
          .as(where + ": the old snapshot's answers").isEqualTo(answers);
    }
  }

  /** A batch of every kind of change; small ones (a contact) and larger ones alternate. */
  private static void mutate(IndexBatch b, int contacts, SplittableRandom rnd, int batch) {
    int accounts = Math.max(3, contacts / 100);
    int changes = batch % 2 == 0 ? 1 + rnd.nextInt(3) : 20 + rnd.nextInt(200);
    for (int i = 0; i < changes; i++) {
      String id = "c-" + rnd.nextInt(contacts + 50); // some new contacts too
      boolean known = b.containsContact(id);
      switch (known ? rnd.nextInt(9) : 0) {
        case 0 -> b.upsert(SnapshotFixture.newContact(id, accounts, rnd));
        case 1 -> b.remove(id);
        case 2 -> b.addTag(id, rnd.nextBoolean() ? "interest-crm" : "fresh-" + rnd.nextInt(3));
        case 3 -> b.removeTag(id, "interest-crm");
        case 4 -> b.setField(id, "company_size", rnd.nextInt(2_000));
        case 5 -> b.setListStatus(id, "newsletter", ListStatus.values()[rnd.nextInt(4)]);
        case 6 -> b.record(SnapshotFixture.newEvent(id, rnd));
        case 7 -> b.upsertDeal(SnapshotFixture.newDeal("d-" + rnd.nextInt(contacts), id, rnd));
        default -> b.upsertAccount(
            SnapshotFixture.newAccount("acct-" + rnd.nextInt(accounts), rnd));
      }
    }
    // events right at the most recent hours, which keep hour buckets
    String id = "c-" + rnd.nextInt(contacts);
    if (b.containsContact(id)) {
      b.record(Event.of(id, "email_open", SnapshotFixture.NOW.minusSeconds(rnd.nextInt(3_600)),
          Map.of()));
    }
  }

  private static byte[] bytes(SnapshotWriter.State state) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotWriter.write(state, List.of(), out);
    return out.toByteArray();
  }
}
