package org.segmentdsl.condition;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.segmentdsl.Names;

/**
 * Compares a contact field with an operand. Every operator but {@code isNotSet} matches only
 * contacts whose field is set; {@code neq}, {@code notIn} and {@code notContains} mean "is set
 * and not …". Whether the operator and values fit the field's type is checked against the
 * index's schema before evaluation; what can be checked without a schema is checked here.
 *
 * <pre>{@code
 * new FieldCondition("country", FieldOperator.EQ, new Operand.Single(Literal.of("US")), false, null);
 * }</pre>
 *
 * <p>Prefer the typed builders of {@link org.segmentdsl.dsl.Conditions}: {@code
 * field("country").eq("US")}.
 *
 * @param field the field name
 * @param op the operator
 * @param operand what the operator compares with; its shape must be {@code op.shape()}
 * @param ignoreCase compare strings in lower case (string operators only)
 * @param label shown by explain output, or {@code null}
 */
public record FieldCondition(
    String field, FieldOperator op, Operand operand, boolean ignoreCase, @Nullable String label)
    implements Condition {

  /**
   * Checks the values and what can be checked of them without a schema ({@link #problem}).
   *
   * @param field the field name; non-empty, at most 1,024 characters
   * @param op the operator, not null
   * @param operand what the operator compares with, not null
   * @param ignoreCase compare strings in lower case (string operators only)
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws NullPointerException if {@code field}, {@code op} or {@code operand} is null
   * @throws IllegalArgumentException if the field name is empty or too long, the label is too
   *     long, or {@link #problem} finds a problem
   */
  public FieldCondition {
    Labels.checkName("field", field);
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(operand, "operand");
    Labels.checkLabel(label);
    String problem = problem(op, operand, ignoreCase);
    if (problem != null) {
      throw new IllegalArgumentException("field " + Names.show(field) + ": " + problem);
    }
  }

  /**
   * A field condition without ignoreCase and label.
   *
   * @param field the field name; non-empty, at most 1,024 characters
   * @param op the operator, not null
   * @param operand what the operator compares with, not null
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the field name is empty or too long, or {@link #problem}
   *     finds a problem
   */
  public FieldCondition(String field, FieldOperator op, Operand operand) {
    this(field, op, operand, false, null);
  }

  @Override
  public FieldCondition withLabel(@Nullable String label) {
    return new FieldCondition(field, op, operand, ignoreCase, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitField(this);
  }

  /**
   * {@return the fluent DSL expression that builds this condition, on one line: {@code
   * numberField("company_size").gte(50)}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }

  /**
   * What is wrong with this operator, operand and ignoreCase together, before any schema is known,
   * or {@code null} if nothing is. Saved segment readers use it to report every problem at once.
   *
   * @param op the operator, not null
   * @param operand the operand, not null
   * @param ignoreCase whether strings are compared in lower case
   * @return the problem in words ({@code operator "gt" takes a number, a date or a datetime, got
   *     true}), or {@code null}
   */
  public static String problem(FieldOperator op, Operand operand, boolean ignoreCase) {
    if (ignoreCase && !op.allowsIgnoreCase()) {
      return "ignoreCase does not apply to operator \"" + op.jsonName() + "\"";
    }
    String expected = switch (op.shape()) {
      case NONE -> operand instanceof Operand.None ? null : "takes no value";
      case SINGLE -> operand instanceof Operand.Single ? null : "takes one value";
      case VALUES -> operand instanceof Operand.Values ? null : "takes an array of values";
      case RANGE -> operand instanceof Operand.Range ? null : "takes [lo, hi]";
      case SPAN -> operand instanceof Operand.Span ? null : "takes a duration";
      case CIRCLE -> operand instanceof Operand.Circle ? null : "takes a circle";
    };
    if (expected != null) {
      return "operator \"" + op.jsonName() + "\" " + expected;
    }
    switch (op) {
      case CONTAINS, NOT_CONTAINS, STARTS_WITH, ENDS_WITH -> {
        Literal v = ((Operand.Single) operand).value();
        if (!(v instanceof Literal.Text t)) {
          return "operator \"" + op.jsonName() + "\" takes a string, got " + v;
        }
        if (t.value().isEmpty()) {
          return "operator \"" + op.jsonName() + "\" takes a non-empty string";
        }
      }
      case IN, NOT_IN -> {
        Literal first = ((Operand.Values) operand).values().get(0);
        if (first instanceof Literal.Bool) {
          return "operator \"" + op.jsonName() + "\" takes strings or numbers";
        }
      }
      case GT, GTE, LT, LTE -> {
        return orderedProblem(op, ((Operand.Single) operand).value());
      }
      case BETWEEN -> {
        Operand.Range r = (Operand.Range) operand;
        String p = orderedProblem(op, r.lo());
        if (p == null) {
          p = orderedProblem(op, r.hi());
        }
        if (p == null) {
          p = rangeOrderProblem(r);
        }
        return p;
      }
      default -> {
        // shape is enough
      }
    }
    return null;
  }

  private static String orderedProblem(FieldOperator op, Literal v) {
    if (v instanceof Literal.Number) {
      return null;
    }
    if (v instanceof Literal.Text t && t.isTemporal()) {
      return null;
    }
    if (v instanceof Literal.Text t && t.isOutOfRange()) {
      return "operator \"" + op.jsonName() + "\": " + t.rangeProblem();
    }
    return "operator \"" + op.jsonName() + "\" takes a number, a date or a datetime, got " + v;
  }

  private static String rangeOrderProblem(Operand.Range r) {
    if (r.lo() instanceof Literal.Number lo && r.hi() instanceof Literal.Number hi) {
      return lo.value() <= hi.value() ? null : "between needs lo <= hi, got [" + lo + ", " + hi + "]";
    }
    if (r.lo() instanceof Literal.Text lo && r.hi() instanceof Literal.Text hi) {
      Optional<java.time.LocalDate> dlo = lo.asDate();
      Optional<java.time.LocalDate> dhi = hi.asDate();
      if (dlo.isPresent() && dhi.isPresent()) {
        return dlo.get().isAfter(dhi.get()) ? "between needs lo <= hi, got [" + lo + ", " + hi + "]"
            : null;
      }
      Optional<java.time.Instant> ilo = lo.asInstant();
      Optional<java.time.Instant> ihi = hi.asInstant();
      if (ilo.isPresent() && ihi.isPresent()) {
        return ilo.get().isAfter(ihi.get()) ? "between needs lo <= hi, got [" + lo + ", " + hi + "]"
            : null;
      }
      return null; // a date and an instant: compared when the zone is known
    }
    return "between bounds must be of one type, got [" + r.lo() + ", " + r.hi() + "]";
  }
}
