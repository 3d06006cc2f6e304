package org.segmentdsl.condition;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
public record TagCondition(String pattern, Op op, boolean ignoreCase, @Nullable String label)
    implements Condition {

  /** How a tag pattern is compared with a contact's tags. */
  public enum Op {
    /** The tag equals the pattern; JSON {@code eq}. */
    EQ("eq"),
    /** The tag starts with the pattern; JSON {@code startsWith}. */
    STARTS_WITH("startsWith"),
    /** The tag ends with the pattern; JSON {@code endsWith}. */
    ENDS_WITH("endsWith"),
    /** The tag contains the pattern; JSON {@code contains}. */
    CONTAINS("contains");

    private final String jsonName;

    Op(String jsonName) {
      this.jsonName = jsonName;
    }

    /** {@return the name used in saved segment JSON} */
    public String jsonName() {
      return jsonName;
    }

    /**
     * Tests a value against a pattern as evaluation does, for tags, string fields and event
     * properties alike: with {@code ignoreCase}, both in lower case ({@code
     * toLowerCase(Locale.ROOT)}).
     *
     * @param value the tag or string, not null
     * @param pattern the pattern, not null
     * @param ignoreCase compare in lower case
     * @return whether the value equals, starts with, ends with or contains the pattern
     */
    public boolean test(String value, String pattern, boolean ignoreCase) {
      String v = ignoreCase ? value.toLowerCase(java.util.Locale.ROOT) : value;
      String p = ignoreCase ? pattern.toLowerCase(java.util.Locale.ROOT) : pattern;
      return switch (this) {
        case EQ -> v.equals(p);
        case STARTS_WITH -> v.startsWith(p);
        case ENDS_WITH -> v.endsWith(p);
        case CONTAINS -> v.contains(p);
      };
    }
  }

  /**
   * Checks the values.
   *
   * @param pattern the tag name or pattern; non-empty, at most 1,024 characters
   * @param op how the pattern is compared, not null
   * @param ignoreCase compare in lower case
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws NullPointerException if {@code pattern} or {@code op} is null
   * @throws IllegalArgumentException if {@code pattern} is empty or too long, or the label is
   *     too long
   */
  public TagCondition {
    Labels.checkName("tag", pattern);
    Objects.requireNonNull(op, "op");
    Labels.checkLabel(label);
  }

  /**
   * An exact, case-sensitive tag.
   *
   * @param tag the tag; non-empty, at most 1,024 characters
   * @throws NullPointerException if {@code tag} is null
   * @throws IllegalArgumentException if {@code tag} is empty or too long
   */
  public TagCondition(String tag) {
    this(tag, Op.EQ, false, null);
  }

  /** {@return this condition comparing in lower case} */
  public TagCondition ignoringCase() {
    return new TagCondition(pattern, op, true, label);
  }

  @Override
  public TagCondition withLabel(@Nullable String label) {
    return new TagCondition(pattern, op, ignoreCase, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitTag(this);
  }

  /**
   * {@return the fluent DSL expression that builds this condition, on one line: {@code
   * tagStartsWith("interest-").ignoringCase()}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
