package org.segmentdsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.roaringbitmap.RoaringBitmap;

/**
 * How several segments overlap on one snapshot: each one's size, and for each pair its
 * intersection, what each has alone and their Jaccard index. {@link IndexSnapshot#overlap} makes
 * one; immutable.
 *
 * <pre>{@code
 * SegmentOverlap o = index.snapshot().overlap(List.of(leads, customers), ctx);
 * o.pairs().get(0).jaccard(); // |leads ∩ customers| / |leads ∪ customers|
 * }</pre>
 *
 * @param counts each segment's member count, in the order given
 * @param pairs one entry per pair {@code a < b}, in the order {@code (0, 1), (0, 2), …, (1, 2),
 *     …}
 */
public record SegmentOverlap(List<Integer> counts, List<Pair> pairs) {
  /**
   * Two segments' overlap.
   *
   * @param a the first segment's position in the order given
   * @param b the second's, greater than {@code a}
   * @param both members of both
   * @param onlyA members of {@code a} only
   * @param onlyB members of {@code b} only
   * @param jaccard {@code both / |a ∪ b|}, 0 when the union is empty
   */
  public record Pair(int a, int b, int both, int onlyA, int onlyB, double jaccard) {}

  /**
   * Copies the lists.
   *
   * @param counts each segment's member count, in the order given
   * @param pairs the pairs, in order
   */
  public SegmentOverlap {
    counts = List.copyOf(counts);
    pairs = List.copyOf(pairs);
  }

  /** The overlap of these members, one bitmap per segment in order. */
  static SegmentOverlap of(List<RoaringBitmap> members) {
    List<Integer> counts = new ArrayList<>(members.size());
    members.forEach(m -> counts.add(m.getCardinality()));
    List<Pair> pairs = new ArrayList<>();
    for (int a = 0; a < members.size(); a++) {
      for (int b = a + 1; b < members.size(); b++) {
        int both = RoaringBitmap.andCardinality(members.get(a), members.get(b));
        int onlyA = counts.get(a) - both;
        int onlyB = counts.get(b) - both;
        int union = both + onlyA + onlyB;
        pairs.add(new Pair(a, b, both, onlyA, onlyB, union == 0 ? 0 : (double) both / union));
      }
    }
    return new SegmentOverlap(counts, pairs);
  }

  /** Fails naming a null segment. */
  static void check(List<Segment> segments) {
    Objects.requireNonNull(segments, "segments");
    for (int i = 0; i < segments.size(); i++) {
      if (segments.get(i) == null) {
        throw new NullPointerException("segment " + i + " is null");
      }
    }
  }
}
