package org.segmentdsl.condition;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.Names;
import org.segmentdsl.Segment;

/**
 * Matches the members of another saved segment, found by its {@linkplain Segment#id() id} in the
 * evaluation's {@link org.segmentdsl.SegmentRegistry} and evaluated in the same snapshot and
 * context. An unknown id, or a chain of references that comes back to where it started, is an
 * error.
 *
 * <pre>{@code
 * all(inSegment("engaged-leads"), not(inSegment("customers")))
 * }</pre>
 *
 * @param segmentId the referenced segment's id: {@code [a-z0-9][a-z0-9._-]{0,127}}
 * @param label shown by explain output, or {@code null}
 */
public record SegmentReference(String segmentId, @Nullable String label) implements Condition {
  /**
   * Checks the values.
   *
   * @param segmentId the referenced segment's id, not null
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws IllegalArgumentException if the id is not a valid segment id ({@link
   *     Segment#isValidId}), or the label is too long
   */
  public SegmentReference {
    Objects.requireNonNull(segmentId, "segmentId");
    if (!Segment.isValidId(segmentId)) {
      throw new IllegalArgumentException("invalid segment id " + Names.show(segmentId)
          + ": expected [a-z0-9][a-z0-9._-]{0,127}");
    }
    Labels.checkLabel(label);
  }

  /**
   * An unlabelled reference.
   *
   * @param segmentId the referenced segment's id, not null
   * @throws IllegalArgumentException if the id is not a valid segment id
   */
  public SegmentReference(String segmentId) {
    this(segmentId, null);
  }

  @Override
  public SegmentReference withLabel(@Nullable String label) {
    return new SegmentReference(segmentId, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitSegment(this);
  }

  /**
   * {@return the fluent DSL expression that builds this condition, on one line: {@code
   * inSegment("customers")}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
