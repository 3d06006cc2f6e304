package org.segmentdsl.condition;

import java.util.Objects;
import org.segmentdsl.Names;

/**
 * A test on one property of an event. Event properties are untyped scalars (string, number,
 * boolean): every operator but {@code neq}, {@code notIn}, {@code notContains} and {@code
 * isNotSet} holds only when the property is present and has the filter value's type ({@code true}
 * is not {@code 1}); {@code neq} and {@code notIn} mean "present and not …", so a property of
 * another type is {@code neq}; {@code notContains} means "a string that does not contain".
 *
 * <pre>{@code
 * prop("campaign").eq("spring-sale")
 * prop("amount").gte(100)
 * prop("url").ignoringCase().contains("/pricing")
 * }</pre>
 *
 * @param prop the property name; non-empty
 * @param op the operator
 * @param operand the value(s); its shape must fit the operator
 * @param ignoreCase compare in lower case (pattern operators only)
 */
public record PropertyFilter(String prop, Op op, Operand operand, boolean ignoreCase) {

  /** The operators of property filters. */
  public enum Op {
    /** The property equals the value (same type); JSON {@code eq}. */
    EQ("eq", FieldOperator.Shape.SINGLE),
    /** The property is present and does not equal the value; JSON {@code neq}. */
    NEQ("neq", FieldOperator.Shape.SINGLE),
    /** The property equals one of the values; JSON {@code in}. */
    IN("in", FieldOperator.Shape.VALUES),
    /** The property is present and equals none of the values; JSON {@code notIn}. */
    NOT_IN("notIn", FieldOperator.Shape.VALUES),
    /** A number greater than the value; JSON {@code gt}. */
    GT("gt", FieldOperator.Shape.SINGLE),
    /** A number greater than or equal to the value; JSON {@code gte}. */
    GTE("gte", FieldOperator.Shape.SINGLE),
    /** A number less than the value; JSON {@code lt}. */
    LT("lt", FieldOperator.Shape.SINGLE),
    /** A number less than or equal to the value; JSON {@code lte}. */
    LTE("lte", FieldOperator.Shape.SINGLE),
    /** A number {@code lo <= v <= hi}, both ends included; JSON {@code between}. */
    BETWEEN("between", FieldOperator.Shape.RANGE),
    /** A string that contains the value; JSON {@code contains}. */
    CONTAINS("contains", FieldOperator.Shape.SINGLE),
    /** A string that does not contain the value; JSON {@code notContains}. */
    NOT_CONTAINS("notContains", FieldOperator.Shape.SINGLE),
    /** A string that starts with the value; JSON {@code startsWith}. */
    STARTS_WITH("startsWith", FieldOperator.Shape.SINGLE),
    /** A string that ends with the value; JSON {@code endsWith}. */
    ENDS_WITH("endsWith", FieldOperator.Shape.SINGLE),
    /** The event has the property; JSON {@code isSet}. */
    IS_SET("isSet", FieldOperator.Shape.NONE),
    /** The event does not have the property; JSON {@code isNotSet}. */
    IS_NOT_SET("isNotSet", FieldOperator.Shape.NONE);

    private final String jsonName;
    private final FieldOperator.Shape shape;

    Op(String jsonName, FieldOperator.Shape shape) {
      this.jsonName = jsonName;
      this.shape = shape;
    }

    /** {@return the name used in saved segment JSON} */
    public String jsonName() {
      return jsonName;
    }

    /** {@return the operand this operator takes} */
    public FieldOperator.Shape shape() {
      return shape;
    }

    /** {@return whether this is a pattern operator (the only ones that take ignoreCase)} */
    public boolean isPattern() {
      return this == CONTAINS || this == NOT_CONTAINS || this == STARTS_WITH || this == ENDS_WITH;
    }

    /**
     * {@return the operator named so in JSON, or {@code null} if none is}
     *
     * @param name a {@link #jsonName()}, case-sensitive ({@code "notContains"})
     */
    public static Op fromJsonName(String name) {
      for (Op op : values()) {
        if (op.jsonName.equals(name)) {
          return op;
        }
      }
      return null;
    }
  }

  /**
   * Checks the values and what can be checked of them ({@link #problem}).
   *
   * @param prop the property name; non-empty, at most 1,024 characters
   * @param op the operator, not null
   * @param operand the value(s), not null
   * @param ignoreCase compare in lower case (pattern operators only)
   * @throws NullPointerException if {@code prop}, {@code op} or {@code operand} is null
   * @throws IllegalArgumentException if the name is empty or too long, or {@link #problem} finds
   *     a problem
   */
  public PropertyFilter {
    Labels.checkName("prop", prop);
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(operand, "operand");
    String problem = problem(op, operand, ignoreCase);
    if (problem != null) {
      throw new IllegalArgumentException("prop " + Names.show(prop) + ": " + problem);
    }
  }

  /**
   * What is wrong with this operator, operand and ignoreCase together, or {@code null}. Saved
   * segment readers use it to report every problem at once.
   *
   * @param op the operator, not null
   * @param operand the value(s), not null
   * @param ignoreCase whether strings are compared in lower case
   * @return the problem in words ({@code operator "gt" takes a number, got "x"}), or {@code null}
   */
  public static String problem(Op op, Operand operand, boolean ignoreCase) {
    if (ignoreCase && !op.isPattern()) {
      return "ignoreCase applies only to contains, notContains, startsWith and endsWith";
    }
    boolean shapeOk = switch (op.shape()) {
      case NONE -> operand instanceof Operand.None;
      case SINGLE -> operand instanceof Operand.Single;
      case VALUES -> operand instanceof Operand.Values;
      case RANGE -> operand instanceof Operand.Range;
      default -> false;
    };
    if (!shapeOk) {
      return "operator \"" + op.jsonName() + "\" takes " + switch (op.shape()) {
        case NONE -> "no value";
        case SINGLE -> "one value";
        case VALUES -> "an array of values";
        default -> "[lo, hi]";
      };
    }
    switch (op) {
      case GT, GTE, LT, LTE -> {
        Literal v = ((Operand.Single) operand).value();
        if (!(v instanceof Literal.Number)) {
          return "operator \"" + op.jsonName() + "\" takes a number, got " + v;
        }
      }
      case BETWEEN -> {
        Operand.Range r = (Operand.Range) operand;
        if (!(r.lo() instanceof Literal.Number lo) || !(r.hi() instanceof Literal.Number hi)) {
          return "between takes two numbers, got [" + r.lo() + ", " + r.hi() + "]";
        }
        if (lo.value() > hi.value()) {
          return "between needs lo <= hi, got [" + lo + ", " + hi + "]";
        }
      }
      case CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH -> {
        Literal v = ((Operand.Single) operand).value();
        if (!(v instanceof Literal.Text t) || t.value().isEmpty()) {
          return "operator \"" + op.jsonName() + "\" takes a non-empty string, got " + v;
        }
      }
      default -> {
        // eq, neq: any scalar; in, notIn: checked by Operand.Values; isSet, isNotSet: no value
      }
    }
    return null;
  }

  /**
   * {@return the fluent DSL expression that builds this filter, on one line: {@code
   * prop("url").ignoringCase().contains("/pricing")}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
