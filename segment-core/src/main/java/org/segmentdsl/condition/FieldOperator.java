package org.segmentdsl.condition;

import static org.segmentdsl.FieldType.BOOLEAN;
import static org.segmentdsl.FieldType.DATE;
import static org.segmentdsl.FieldType.DATETIME;
import static org.segmentdsl.FieldType.GEO;
import static org.segmentdsl.FieldType.NUMBER;
import static org.segmentdsl.FieldType.STRING;

import java.util.EnumSet;
import java.util.Set;
import org.segmentdsl.FieldType;

/**
 * The operators of field conditions, with the types they apply to and the operand they take.
 *
 * <pre>{@code
 * FieldOperator.fromJsonName("inLast").appliesTo(FieldType.DATE); // true
 * FieldOperator.GT.appliesTo(FieldType.STRING);                    // false
 * }</pre>
 */
public enum FieldOperator {
  EQ("eq", Shape.SINGLE, true, STRING, NUMBER, DATE, DATETIME, BOOLEAN),
  NEQ("neq", Shape.SINGLE, true, STRING, NUMBER, DATE, DATETIME, BOOLEAN),
  IN("in", Shape.VALUES, true, STRING, NUMBER),
  NOT_IN("notIn", Shape.VALUES, true, STRING, NUMBER),
  GT("gt", Shape.SINGLE, false, NUMBER, DATE, DATETIME),
  GTE("gte", Shape.SINGLE, false, NUMBER, DATE, DATETIME),
  LT("lt", Shape.SINGLE, false, NUMBER, DATE, DATETIME),
  LTE("lte", Shape.SINGLE, false, NUMBER, DATE, DATETIME),
  BETWEEN("between", Shape.RANGE, false, NUMBER, DATE, DATETIME),
  CONTAINS("contains", Shape.SINGLE, true, STRING),
  NOT_CONTAINS("notContains", Shape.SINGLE, true, STRING),
  STARTS_WITH("startsWith", Shape.SINGLE, true, STRING),
  ENDS_WITH("endsWith", Shape.SINGLE, true, STRING),
  IS_SET("isSet", Shape.NONE, false, FieldType.values()),
  IS_NOT_SET("isNotSet", Shape.NONE, false, FieldType.values()),
  IN_LAST("inLast", Shape.SPAN, false, DATE, DATETIME),
  OLDER_THAN("olderThan", Shape.SPAN, false, DATE, DATETIME),
  IN_NEXT("inNext", Shape.SPAN, false, DATE, DATETIME),
  ANNIVERSARY("anniversary", Shape.NONE, false, DATE),
  WITHIN("within", Shape.CIRCLE, false, GEO);

  /** The operand an operator takes. */
  public enum Shape {
    NONE,
    SINGLE,
    VALUES,
    RANGE,
    SPAN,
    CIRCLE
  }

  private final String jsonName;
  private final Shape shape;
  private final boolean allowsIgnoreCase;
  private final Set<FieldType> types;

  FieldOperator(String jsonName, Shape shape, boolean allowsIgnoreCase, FieldType... types) {
    this.jsonName = jsonName;
    this.shape = shape;
    this.allowsIgnoreCase = allowsIgnoreCase;
    this.types = EnumSet.of(types[0], types);
  }

  /** The name used in saved segment JSON. */
  public String jsonName() {
    return jsonName;
  }

  /** The operand this operator takes. */
  public Shape shape() {
    return shape;
  }

  /** Whether {@code ignoreCase} may be given (string comparisons only). */
  public boolean allowsIgnoreCase() {
    return allowsIgnoreCase;
  }

  /** Whether this operator applies to fields of that type. */
  public boolean appliesTo(FieldType type) {
    return types.contains(type);
  }

  /** The operator named so in JSON, or {@code null}. */
  public static FieldOperator fromJsonName(String name) {
    for (FieldOperator op : values()) {
      if (op.jsonName.equals(name)) {
        return op;
      }
    }
    return null;
  }
}
