package org.segmentdsl.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;

/**
 * Random saved segments drawn with {@link Scenario}'s generators, for property tests outside this
 * package (the segment codec's): the 0 to 5 segments of a random registry (ids, references to
 * earlier ones), a deep mixed tree, a tree of mostly event conditions and one of mostly deal,
 * account and reference leaves, each with every operator, operand and window form the generators
 * make.
 */
public final class RandomSegments {
  private RandomSegments() {}

  /** The segments of the world of {@code seed}: the same seed gives the same segments. */
  public static List<Segment> of(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Scenario s = new Scenario(rnd, new Coverage());
    SegmentRegistry registry = s.newRegistry(5);
    List<Segment> segments = new ArrayList<>();
    registry.ids().forEach(id -> segments.add(registry.get(id).orElseThrow()));
    segments.add(Segment.of(s.condition(4 + rnd.nextInt(3))));
    segments.add(Segment.of(s.eventCondition(1 + rnd.nextInt(4))));
    segments.add(Segment.of(s.relatedCondition(1 + rnd.nextInt(3))));
    return segments;
  }
}
