package org.segmentdsl.condition;

import java.util.Objects;

/**
 * Matches contacts that carry at least one tag satisfying {@code op} against {@code pattern}.
 * Tags are case-sensitive unless {@code ignoreCase}, which compares both sides in lower case
 * ({@code toLowerCase(Locale.ROOT)}).
 *
 * <pre>{@code
 * new TagCondition("interest-crm");                                     // exact tag
 * new TagCondition("interest-", TagCondition.Op.STARTS_WITH, true, null); // any interest tag
 * }</pre>
 *
 * @param pattern the tag name or pattern; non-empty, at most 1,024 characters
 * @param op how the pattern is compared
 * @param ignoreCase compare in lower case
 * @param label shown by explain output, or {@code null}
 */
public record TagCondition(String pattern, Op op, boolean ignoreCase, String label)
    implements Condition {

  /** How a tag pattern is compared with a contact's tags. */
  public enum Op {
    EQ("eq"),
    STARTS_WITH("startsWith"),
    ENDS_WITH("endsWith"),
    CONTAINS("contains");

    private final String jsonName;

    Op(String jsonName) {
      this.jsonName = jsonName;
    }

    /** The name used in saved segment JSON. */
    public String jsonName() {
      return jsonName;
    }
  }

  public TagCondition {
    Labels.checkName("tag", pattern);
    Objects.requireNonNull(op, "op");
    Labels.checkLabel(label);
  }

  /** An exact, case-sensitive tag. */
  public TagCondition(String tag) {
    this(tag, Op.EQ, false, null);
  }

  /** This condition comparing in lower case. */
  public TagCondition ignoringCase() {
    return new TagCondition(pattern, op, true, label);
  }

  @Override
  public TagCondition withLabel(String label) {
    return new TagCondition(pattern, op, ignoreCase, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitTag(this);
  }
}
