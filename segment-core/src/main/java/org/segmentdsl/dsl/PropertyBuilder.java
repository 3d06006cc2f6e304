package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;

/**
 * Filters on one event property. Properties are untyped, so the overload you call fixes the
 * filter value's type: {@code eq("1")} does not match the number {@code 1}, and {@code eq(1)}
 * does not match {@code true}.
 *
 * <pre>{@code
 * event("purchase").where(prop("amount").gte(100), prop("currency").eq("USD"))
 * event("page_view").where(prop("url").ignoringCase().contains("/pricing"))
 * }</pre>
 */
@CheckReturnValue
public final class PropertyBuilder {
  private final String prop;
  private final boolean ignoreCase;

  PropertyBuilder(String prop, boolean ignoreCase) {
    this.prop = prop;
    this.ignoreCase = ignoreCase;
  }

  /**
   * {@return the same property, its pattern filters ({@code contains}, {@code notContains},
   * {@code startsWith}, {@code endsWith}) comparing in lower case} Any other filter built from it
   * throws: a property's {@code eq} or {@code in} always compares exactly, as in saved segments.
   */
  public PropertyBuilder ignoringCase() {
    return new PropertyBuilder(prop, true);
  }

  private PropertyFilter filter(PropertyFilter.Op op, Operand operand) {
    if (ignoreCase && !op.isPattern()) {
      throw new IllegalArgumentException("prop \"" + prop + "\": ignoringCase() applies to "
          + "contains, notContains, startsWith and endsWith only, not to " + op.jsonName());
    }
    return new PropertyFilter(prop, op, operand, ignoreCase);
  }

  private PropertyFilter single(PropertyFilter.Op op, Literal value) {
    return filter(op, new Operand.Single(value));
  }

  /**
   * A string equal to the value.
   *
   * @param value the string, not null; at most 1,024 characters
   * @return the property filter
   */
  public PropertyFilter eq(String value) {
    return single(PropertyFilter.Op.EQ, Literal.of(value));
  }

  /**
   * A number equal to the value.
   *
   * @param value the number, finite
   * @return the property filter
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public PropertyFilter eq(double value) {
    return single(PropertyFilter.Op.EQ, Literal.of(value));
  }

  /**
   * A boolean equal to the value.
   *
   * @param value the boolean
   * @return the property filter
   */
  public PropertyFilter eq(boolean value) {
    return single(PropertyFilter.Op.EQ, Literal.of(value));
  }

  /**
   * Present and not equal (a value of another type is not equal).
   *
   * @param value the string, not null; at most 1,024 characters
   * @return the property filter
   */
  public PropertyFilter neq(String value) {
    return single(PropertyFilter.Op.NEQ, Literal.of(value));
  }

  /**
   * Present and not equal (a value of another type is not equal).
   *
   * @param value the number, finite
   * @return the property filter
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public PropertyFilter neq(double value) {
    return single(PropertyFilter.Op.NEQ, Literal.of(value));
  }

  /**
   * Present and not equal (a value of another type is not equal).
   *
   * @param value the boolean
   * @return the property filter
   */
  public PropertyFilter neq(boolean value) {
    return single(PropertyFilter.Op.NEQ, Literal.of(value));
  }

  /**
   * A string equal to one of the values.
   *
   * @param values 1 to 10,000 strings, none null
   * @return the property filter
   * @throws IllegalArgumentException if there are no values or more than 10,000
   */
  public PropertyFilter in(String... values) {
    return filter(PropertyFilter.Op.IN, strings(values));
  }

  /**
   * A number equal to one of the values.
   *
   * @param values 1 to 10,000 finite numbers
   * @return the property filter
   * @throws IllegalArgumentException if a value is NaN or infinite, or there are no values or
   *     more than 10,000
   */
  public PropertyFilter in(double... values) {
    return filter(PropertyFilter.Op.IN, numbers(values));
  }

  /**
   * Present and equal to none of the values.
   *
   * @param values 1 to 10,000 strings, none null
   * @return the property filter
   * @throws IllegalArgumentException if there are no values or more than 10,000
   */
  public PropertyFilter notIn(String... values) {
    return filter(PropertyFilter.Op.NOT_IN, strings(values));
  }

  /**
   * Present and equal to none of the values.
   *
   * @param values 1 to 10,000 finite numbers
   * @return the property filter
   * @throws IllegalArgumentException if a value is NaN or infinite, or there are no values or
   *     more than 10,000
   */
  public PropertyFilter notIn(double... values) {
    return filter(PropertyFilter.Op.NOT_IN, numbers(values));
  }

  private static Operand strings(String[] values) {
    List<Literal> l = new ArrayList<>(Objects.requireNonNull(values, "values").length);
    for (String v : values) {
      l.add(Literal.of(Objects.requireNonNull(v, "a value")));
    }
    return new Operand.Values(l);
  }

  private static Operand numbers(double[] values) {
    List<Literal> l = new ArrayList<>(Objects.requireNonNull(values, "values").length);
    for (double v : values) {
      l.add(Literal.of(v));
    }
    return new Operand.Values(l);
  }

  /**
   * A number greater than the value.
   *
   * @param value the number, finite
   * @return the property filter
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public PropertyFilter gt(double value) {
    return single(PropertyFilter.Op.GT, Literal.of(value));
  }

  /**
   * A number greater than or equal to the value.
   *
   * @param value the number, finite
   * @return the property filter
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public PropertyFilter gte(double value) {
    return single(PropertyFilter.Op.GTE, Literal.of(value));
  }

  /**
   * A number less than the value.
   *
   * @param value the number, finite
   * @return the property filter
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public PropertyFilter lt(double value) {
    return single(PropertyFilter.Op.LT, Literal.of(value));
  }

  /**
   * A number less than or equal to the value.
   *
   * @param value the number, finite
   * @return the property filter
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public PropertyFilter lte(double value) {
    return single(PropertyFilter.Op.LTE, Literal.of(value));
  }

  /**
   * A number with {@code lo <= v <= hi}, both ends included.
   *
   * @param lo the lower bound, finite
   * @param hi the upper bound, finite, not below {@code lo}
   * @return the property filter
   * @throws IllegalArgumentException if a bound is NaN or infinite, or {@code lo > hi}
   */
  public PropertyFilter between(double lo, double hi) {
    return filter(PropertyFilter.Op.BETWEEN, new Operand.Range(Literal.of(lo), Literal.of(hi)));
  }

  /**
   * A string that contains the pattern.
   *
   * @param pattern the pattern, not null or empty
   * @return the property filter
   * @throws IllegalArgumentException if {@code pattern} is empty
   */
  public PropertyFilter contains(String pattern) {
    return single(PropertyFilter.Op.CONTAINS, Literal.of(pattern));
  }

  /**
   * A string that does not contain the pattern.
   *
   * @param pattern the pattern, not null or empty
   * @return the property filter
   * @throws IllegalArgumentException if {@code pattern} is empty
   */
  public PropertyFilter notContains(String pattern) {
    return single(PropertyFilter.Op.NOT_CONTAINS, Literal.of(pattern));
  }

  /**
   * A string that starts with the prefix.
   *
   * @param prefix the prefix, not null or empty
   * @return the property filter
   * @throws IllegalArgumentException if {@code prefix} is empty
   */
  public PropertyFilter startsWith(String prefix) {
    return single(PropertyFilter.Op.STARTS_WITH, Literal.of(prefix));
  }

  /**
   * A string that ends with the suffix.
   *
   * @param suffix the suffix, not null or empty
   * @return the property filter
   * @throws IllegalArgumentException if {@code suffix} is empty
   */
  public PropertyFilter endsWith(String suffix) {
    return single(PropertyFilter.Op.ENDS_WITH, Literal.of(suffix));
  }

  /** {@return a filter: the event has the property, of any type} */
  public PropertyFilter isSet() {
    return filter(PropertyFilter.Op.IS_SET, Operand.None.INSTANCE);
  }

  /** {@return a filter: the event does not have the property} */
  public PropertyFilter isNotSet() {
    return filter(PropertyFilter.Op.IS_NOT_SET, Operand.None.INSTANCE);
  }
}
