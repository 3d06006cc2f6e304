package org.segmentdsl;

import static org.segmentdsl.dsl.Conditions.all;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link SnapshotCrashTest} kills: builds the fixture index, then saves it to one
 * path round after round, each round with different content, and prints each round's number once
 * its save has returned.
 *
 * <p>The state of round {@code r}: the fixture's contacts, each with field {@code round = r}, and
 * one more contact {@code marker-r} (tag {@code marker}, {@code round = r}).
 *
 * <p>Arguments: the target path, the first round's number, and optionally the last round's (by
 * default it goes on until killed).
 */
final class SnapshotCrashChild {
  static final long FIXTURE_SEED = 0x5E6D_C8A5_0013L;
  static final int CONTACTS = 3_000;
  static final int EVENTS_PER_CONTACT = 3;
  static final String MARKER_TAG = "marker";

  private SnapshotCrashChild() {}

  /** The index every run starts from (the parent builds it too, to know its size). */
  static ContactIndex fixture() {
    return SnapshotFixture.build(CONTACTS, EVENTS_PER_CONTACT, FIXTURE_SEED);
  }

  static String marker(long round) {
    return "marker-" + round;
  }

  /** Applies round {@code r} to the index of a run whose first round is {@code first}. */
  static void round(ContactIndex index, List<String> ids, long first, long r) {
    index.update(b -> {
      if (r > first) {
        b.remove(marker(r - 1));
      }
      b.upsert(Contact.builder(marker(r)).tags(MARKER_TAG).field("round", r).build());
      for (String id : ids) {
        b.setField(id, "round", r);
      }
    });
  }

  /** The ids of the fixture's contacts, to which every round writes. */
  static List<String> ids(ContactIndex fixture) {
    return List.copyOf(fixture.evaluate(all(), SnapshotFixture.CTX).ids());
  }

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args[0]);
    long first = Long.parseLong(args[1]);
    long last = args.length > 2 ? Long.parseLong(args[2]) : Long.MAX_VALUE;
    ContactIndex index = fixture();
    SegmentRegistry segments = SnapshotFixture.savedSegments();
    List<String> ids = ids(index);
    for (long r = first; r <= last; r++) {
      round(index, ids, first, r);
      SnapshotFile.save(index, segments, target);
      System.out.println(r);
      System.out.flush();
    }
  }
}
