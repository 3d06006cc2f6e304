package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;

/**
 * Conditions on a string field. Comparisons are exact, by character, unless {@link #ignoringCase()}.
 *
 * <pre>{@code
 * field("country").eq("US")
 * field("email").ignoringCase().endsWith("@acme.com")
 * field("plan").in("pro", "business")
 * }</pre>
 */
@CheckReturnValue
public final class StringField extends FieldBuilder {
  private final boolean ignoreCase;

  StringField(String name, boolean ignoreCase) {
    super(name);
    this.ignoreCase = ignoreCase;
  }

  /** The same field, compared in lower case ({@code toLowerCase(Locale.ROOT)}) on both sides. */
  public StringField ignoringCase() {
    return new StringField(name, true);
  }

  private FieldCondition single(FieldOperator op, String value) {
    Objects.requireNonNull(value, "value");
    return new FieldCondition(name, op, new Operand.Single(Literal.of(value)), ignoreCase, null);
  }

  private FieldCondition many(FieldOperator op, Collection<String> values) {
    List<Literal> literals = new ArrayList<>(values.size());
    for (String v : values) {
      literals.add(Literal.of(Objects.requireNonNull(v, "value")));
    }
    return new FieldCondition(name, op, new Operand.Values(literals), ignoreCase, null);
  }

  public FieldCondition eq(String value) {
    return single(FieldOperator.EQ, value);
  }

  /** Set and not equal. */
  public FieldCondition neq(String value) {
    return single(FieldOperator.NEQ, value);
  }

  public FieldCondition in(String... values) {
    return many(FieldOperator.IN, List.of(values));
  }

  public FieldCondition in(Collection<String> values) {
    return many(FieldOperator.IN, values);
  }

  /** Set and equal to none of the values. */
  public FieldCondition notIn(String... values) {
    return many(FieldOperator.NOT_IN, List.of(values));
  }

  public FieldCondition notIn(Collection<String> values) {
    return many(FieldOperator.NOT_IN, values);
  }

  public FieldCondition contains(String pattern) {
    return single(FieldOperator.CONTAINS, pattern);
  }

  /** Set and not containing the pattern. */
  public FieldCondition notContains(String pattern) {
    return single(FieldOperator.NOT_CONTAINS, pattern);
  }

  public FieldCondition startsWith(String prefix) {
    return single(FieldOperator.STARTS_WITH, prefix);
  }

  public FieldCondition endsWith(String suffix) {
    return single(FieldOperator.ENDS_WITH, suffix);
  }
}
