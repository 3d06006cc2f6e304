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
  /** The value equals the operand; JSON {@code eq}. */
  EQ("eq", Shape.SINGLE, true, STRING, NUMBER, DATE, DATETIME, BOOLEAN),
  /** The value is set and does not equal the operand; JSON {@code neq}. */
  NEQ("neq", Shape.SINGLE, true, STRING, NUMBER, DATE, DATETIME, BOOLEAN),
  /** The value equals one of the operands; JSON {@code in}. */
  IN("in", Shape.VALUES, true, STRING, NUMBER),
  /** The value is set and equals none of the operands; JSON {@code notIn}. */
  NOT_IN("notIn", Shape.VALUES, true, STRING, NUMBER),
  /** The value is greater than (after) the operand; JSON {@code gt}. */
  GT("gt", Shape.SINGLE, false, NUMBER, DATE, DATETIME),
  /** The value is greater than or equal to the operand; JSON {@code gte}. */
  GTE("gte", Shape.SINGLE, false, NUMBER, DATE, DATETIME),
  /** The value is less than (before) the operand; JSON {@code lt}. */
  LT("lt", Shape.SINGLE, false, NUMBER, DATE, DATETIME),
  /** The value is less than or equal to the operand; JSON {@code lte}. */
  LTE("lte", Shape.SINGLE, false, NUMBER, DATE, DATETIME),
  /** {@code lo <= v <= hi}, both ends included; JSON {@code between}. */
  BETWEEN("between", Shape.RANGE, false, NUMBER, DATE, DATETIME),
  /** The string contains the operand; JSON {@code contains}. */
  CONTAINS("contains", Shape.SINGLE, true, STRING),
  /** The string is set and does not contain the operand; JSON {@code notContains}. */
  NOT_CONTAINS("notContains", Shape.SINGLE, true, STRING),
  /** The string starts with the operand; JSON {@code startsWith}. */
  STARTS_WITH("startsWith", Shape.SINGLE, true, STRING),
  /** The string ends with the operand; JSON {@code endsWith}. */
  ENDS_WITH("endsWith", Shape.SINGLE, true, STRING),
  /** The field has a value; JSON {@code isSet}. */
  IS_SET("isSet", Shape.NONE, false, FieldType.values()),
  /**
   * The field has no value, the only operator that matches such contacts; JSON {@code isNotSet}.
   */
  IS_NOT_SET("isNotSet", Shape.NONE, false, FieldType.values()),
  /**
   * Within the span up to now (today, for a date field): {@code now - span < v <= now}; JSON
   * {@code inLast}.
   */
  IN_LAST("inLast", Shape.SPAN, false, DATE, DATETIME),
  /**
   * At least the span before now (today, for a date field): {@code v <= now - span}; JSON {@code
   * olderThan}.
   */
  OLDER_THAN("olderThan", Shape.SPAN, false, DATE, DATETIME),
  /**
   * Within the span from now (today, for a date field): {@code now <= v < now + span}; JSON
   * {@code inNext}.
   */
  IN_NEXT("inNext", Shape.SPAN, false, DATE, DATETIME),
  /** The date's month and day are today's, in any year; JSON {@code anniversary}. */
  ANNIVERSARY("anniversary", Shape.NONE, false, DATE),
  /** The point lies within a circle, its boundary included; JSON {@code within}. */
  WITHIN("within", Shape.CIRCLE, false, GEO);

  /** The operand an operator takes. */
  public enum Shape {
    /** No operand: {@link Operand.None}. */
    NONE,
    /** One value: {@link Operand.Single}. */
    SINGLE,
    /** A list of values: {@link Operand.Values}. */
    VALUES,
    /** Two bounds: {@link Operand.Range}. */
    RANGE,
    /** A length of time: {@link Operand.Span}. */
    SPAN,
    /** A circle on Earth: {@link Operand.Circle}. */
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

  /** {@return the name used in saved segment JSON} */
  public String jsonName() {
    return jsonName;
  }

  /** {@return the operand this operator takes} */
  public Shape shape() {
    return shape;
  }

  /** {@return whether {@code ignoreCase} may be given (string comparisons only)} */
  public boolean allowsIgnoreCase() {
    return allowsIgnoreCase;
  }

  /**
   * {@return whether this operator applies to fields of that type}
   *
   * @param type the field's type
   */
  public boolean appliesTo(FieldType type) {
    return types.contains(type);
  }

  /**
   * {@return the operator named so in JSON, or {@code null} if none is}
   *
   * @param name a {@link #jsonName()}, case-sensitive ({@code "inLast"})
   */
  public static FieldOperator fromJsonName(String name) {
    for (FieldOperator op : values()) {
      if (op.jsonName.equals(name)) {
        return op;
      }
    }
    return null;
  }
}
