package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.List;
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

  /** Pattern filters ({@code contains}, {@code startsWith}, …) compare in lower case. */
  public PropertyBuilder ignoringCase() {
    return new PropertyBuilder(prop, true);
  }

  private PropertyFilter filter(PropertyFilter.Op op, Operand operand) {
    return new PropertyFilter(prop, op, operand, ignoreCase && op.isPattern());
  }

  private PropertyFilter single(PropertyFilter.Op op, Literal value) {
    return filter(op, new Operand.Single(value));
  }

  public PropertyFilter eq(String value) {
    return single(PropertyFilter.Op.EQ, Literal.of(value));
  }

  public PropertyFilter eq(double value) {
    return single(PropertyFilter.Op.EQ, Literal.of(value));
  }

  public PropertyFilter eq(boolean value) {
    return single(PropertyFilter.Op.EQ, Literal.of(value));
  }

  /** Present and not equal (a value of another type is not equal). */
  public PropertyFilter neq(String value) {
    return single(PropertyFilter.Op.NEQ, Literal.of(value));
  }

  public PropertyFilter neq(double value) {
    return single(PropertyFilter.Op.NEQ, Literal.of(value));
  }

  public PropertyFilter neq(boolean value) {
    return single(PropertyFilter.Op.NEQ, Literal.of(value));
  }

  public PropertyFilter in(String... values) {
    List<Literal> l = new ArrayList<>();
    for (String v : values) {
      l.add(Literal.of(v));
    }
    return filter(PropertyFilter.Op.IN, new Operand.Values(l));
  }

  public PropertyFilter in(double... values) {
    List<Literal> l = new ArrayList<>();
    for (double v : values) {
      l.add(Literal.of(v));
    }
    return filter(PropertyFilter.Op.IN, new Operand.Values(l));
  }

  /** Present and equal to none of the values. */
  public PropertyFilter notIn(String... values) {
    return new PropertyFilter(prop, PropertyFilter.Op.NOT_IN, in(values).operand(), false);
  }

  public PropertyFilter notIn(double... values) {
    return new PropertyFilter(prop, PropertyFilter.Op.NOT_IN, in(values).operand(), false);
  }

  public PropertyFilter gt(double value) {
    return single(PropertyFilter.Op.GT, Literal.of(value));
  }

  public PropertyFilter gte(double value) {
    return single(PropertyFilter.Op.GTE, Literal.of(value));
  }

  public PropertyFilter lt(double value) {
    return single(PropertyFilter.Op.LT, Literal.of(value));
  }

  public PropertyFilter lte(double value) {
    return single(PropertyFilter.Op.LTE, Literal.of(value));
  }

  /** A number with {@code lo <= v <= hi}. */
  public PropertyFilter between(double lo, double hi) {
    return filter(PropertyFilter.Op.BETWEEN, new Operand.Range(Literal.of(lo), Literal.of(hi)));
  }

  public PropertyFilter contains(String pattern) {
    return single(PropertyFilter.Op.CONTAINS, Literal.of(pattern));
  }

  /** A string that does not contain the pattern. */
  public PropertyFilter notContains(String pattern) {
    return single(PropertyFilter.Op.NOT_CONTAINS, Literal.of(pattern));
  }

  public PropertyFilter startsWith(String prefix) {
    return single(PropertyFilter.Op.STARTS_WITH, Literal.of(prefix));
  }

  public PropertyFilter endsWith(String suffix) {
    return single(PropertyFilter.Op.ENDS_WITH, Literal.of(suffix));
  }

  public PropertyFilter isSet() {
    return filter(PropertyFilter.Op.IS_SET, Operand.None.INSTANCE);
  }

  public PropertyFilter isNotSet() {
    return filter(PropertyFilter.Op.IS_NOT_SET, Operand.None.INSTANCE);
  }
}
