package org.segmentdsl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.segmentdsl.InvalidSegmentException.Problem;
import org.segmentdsl.eval.ConditionChecker;

/**
 * Saved segments by id, for {@linkplain org.segmentdsl.condition.SegmentReference references}
 * ({@code inSegment("engaged-leads")}). Immutable and thread-safe; {@link #with} and {@link
 * #without} return new registries. Give it to an evaluation through {@link
 * EvaluationContext#withSegments}.
 *
 * <p>References are resolved when a segment is evaluated or validated, not here: a registry may
 * hold segments that refer to ones added later. Each referenced segment is evaluated at most once
 * per evaluation, however often it is referenced; an unknown id, or a cycle ({@code a -> b ->
 * a}), is an {@link InvalidSegmentException} naming it. What needs no other segment is checked
 * here: a segment nested deeper than 32 levels, or of more than 10,000 conditions
 * (segment-format.md 4), is refused when it is added.
 *
 * <pre>{@code
 * SegmentRegistry saved = SegmentRegistry.of(engagedLeads, customers);
 * Segment target = Segment.of(all(inSegment("engaged-leads"), not(inSegment("customers"))));
 * index.evaluate(target, EvaluationContext.at(now).withSegments(saved));
 * }</pre>
 */
public final class SegmentRegistry {
  private static final SegmentRegistry EMPTY = new SegmentRegistry(Map.of());

  private final Map<String, Segment> byId;

  private SegmentRegistry(Map<String, Segment> byId) {
    this.byId = byId;
  }

  /** {@return a registry without segments} */
  public static SegmentRegistry empty() {
    return EMPTY;
  }

  /**
   * A registry of these segments; each must have an id, and ids must differ.
   *
   * @param segments the segments, none null
   * @return the registry, in the order of {@code segments}
   * @throws IllegalArgumentException if a segment has no id, or two have the same id
   * @throws InvalidSegmentException if a segment's condition passes the format's limits (nested
   *     deeper than 32 levels, more than 10,000 conditions), naming the segment and where
   */
  public static SegmentRegistry of(Segment... segments) {
    return of(java.util.Arrays.asList(segments));
  }

  /**
   * A registry of these segments; each must have an id, and ids must differ.
   *
   * @param segments the segments, none null
   * @return the registry, in the order of {@code segments}
   * @throws IllegalArgumentException if a segment has no id, or two have the same id
   * @throws InvalidSegmentException if a segment's condition passes the format's limits
   */
  public static SegmentRegistry of(Collection<Segment> segments) {
    Map<String, Segment> byId = new LinkedHashMap<>();
    for (Segment s : segments) {
      String id = idOf(s);
      if (byId.putIfAbsent(id, s) != null) {
        throw new IllegalArgumentException("two segments have the id \"" + id + "\"");
      }
    }
    return new SegmentRegistry(java.util.Collections.unmodifiableMap(byId));
  }

  /**
   * The id of a segment to add, which must have one and be within the format's limits: every
   * walk over saved segments may then rely on their depth and size, and a tree built in Java
   * past them is refused where it is added, not where it is first referenced.
   */
  private static String idOf(Segment s) {
    Objects.requireNonNull(s, "segment");
    if (s.id() == null) {
      throw new IllegalArgumentException("a segment in a registry needs an id");
    }
    try {
      ConditionChecker.checkLimits(s.condition(), "/where");
    } catch (InvalidSegmentException e) {
      throw new InvalidSegmentException(e.problems().stream()
          .map(p -> new Problem("", "in segment \"" + s.id() + "\": " + p)).toList());
    }
    return s.id();
  }

  /**
   * This registry with {@code segment} added, or replacing the one with its id.
   *
   * @param segment the segment, not null, with an id
   * @return a new registry
   * @throws IllegalArgumentException if the segment has no id
   * @throws InvalidSegmentException if the segment's condition passes the format's limits
   */
  public SegmentRegistry with(Segment segment) {
    Map<String, Segment> byId = new LinkedHashMap<>(this.byId);
    byId.put(idOf(segment), segment);
    return new SegmentRegistry(java.util.Collections.unmodifiableMap(byId));
  }

  /**
   * This registry without the segment of that id.
   *
   * @param id the segment's id
   * @return a new registry, or this one if it has no segment of that id
   */
  public SegmentRegistry without(String id) {
    if (!byId.containsKey(id)) {
      return this;
    }
    Map<String, Segment> byId = new LinkedHashMap<>(this.byId);
    byId.remove(id);
    return new SegmentRegistry(java.util.Collections.unmodifiableMap(byId));
  }

  /**
   * {@return the segment with that id, or empty if there is none}
   *
   * @param id the segment's id
   */
  public Optional<Segment> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** {@return the ids, in the order segments were added} */
  public Set<String> ids() {
    return byId.keySet();
  }

  /** {@return the number of segments} */
  public int size() {
    return byId.size();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SegmentRegistry r && byId.equals(r.byId);
  }

  @Override
  public int hashCode() {
    return byId.hashCode();
  }

  @Override
  public String toString() {
    return "SegmentRegistry" + byId.keySet();
  }
}
