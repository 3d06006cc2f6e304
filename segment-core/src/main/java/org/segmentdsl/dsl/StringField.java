package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.Arrays;
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

  /**
   * {@return the same field, compared in lower case ({@code toLowerCase(Locale.ROOT)}) on both
   * sides}
   */
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

  /**
   * Equal to the value.
   *
   * @param value the value, not null; the empty string is a value
   * @return the field condition
   */
  public FieldCondition eq(String value) {
    return single(FieldOperator.EQ, value);
  }

  /**
   * Set and not equal.
   *
   * @param value the value, not null
   * @return the field condition
   */
  public FieldCondition neq(String value) {
    return single(FieldOperator.NEQ, value);
  }

  /**
   * Equal to one of the values.
   *
   * @param values 1 to 10,000 values, none null
   * @return the field condition
   * @throws IllegalArgumentException if there are no values or more than 10,000
   */
  public FieldCondition in(String... values) {
    return many(FieldOperator.IN, Arrays.asList(Objects.requireNonNull(values, "values")));
  }

  /**
   * Equal to one of the values.
   *
   * @param values 1 to 10,000 values, none null
   * @return the field condition
   * @throws IllegalArgumentException if there are no values or more than 10,000
   */
  public FieldCondition in(Collection<String> values) {
    return many(FieldOperator.IN, Objects.requireNonNull(values, "values"));
  }

  /**
   * Set and equal to none of the values.
   *
   * @param values 1 to 10,000 values, none null
   * @return the field condition
   * @throws IllegalArgumentException if there are no values or more than 10,000
   */
  public FieldCondition notIn(String... values) {
    return many(FieldOperator.NOT_IN, Arrays.asList(Objects.requireNonNull(values, "values")));
  }

  /**
   * Set and equal to none of the values.
   *
   * @param values 1 to 10,000 values, none null
   * @return the field condition
   * @throws IllegalArgumentException if there are no values or more than 10,000
   */
  public FieldCondition notIn(Collection<String> values) {
    return many(FieldOperator.NOT_IN, Objects.requireNonNull(values, "values"));
  }

  /**
   * Containing the pattern.
   *
   * @param pattern the pattern, not null or empty
   * @return the field condition
   * @throws IllegalArgumentException if {@code pattern} is empty
   */
  public FieldCondition contains(String pattern) {
    return single(FieldOperator.CONTAINS, pattern);
  }

  /**
   * Set and not containing the pattern.
   *
   * @param pattern the pattern, not null or empty
   * @return the field condition
   * @throws IllegalArgumentException if {@code pattern} is empty
   */
  public FieldCondition notContains(String pattern) {
    return single(FieldOperator.NOT_CONTAINS, pattern);
  }

  /**
   * Starting with the prefix.
   *
   * @param prefix the prefix, not null or empty
   * @return the field condition
   * @throws IllegalArgumentException if {@code prefix} is empty
   */
  public FieldCondition startsWith(String prefix) {
    return single(FieldOperator.STARTS_WITH, prefix);
  }

  /**
   * Ending with the suffix.
   *
   * @param suffix the suffix, not null or empty
   * @return the field condition
   * @throws IllegalArgumentException if {@code suffix} is empty
   */
  public FieldCondition endsWith(String suffix) {
    return single(FieldOperator.ENDS_WITH, suffix);
  }
}
