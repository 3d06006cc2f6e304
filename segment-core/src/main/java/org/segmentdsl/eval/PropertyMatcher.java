package org.segmentdsl.eval;

import java.util.List;
import java.util.Map;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.TagCondition;

/**
 * Decides property filters on one event's properties (strings, doubles, booleans), as
 * segment-format.md 3.5 says: a value of another JSON type never satisfies {@code eq}, {@code
 * in}, a comparison or a pattern, and always satisfies {@code neq} and {@code notIn} when present.
 */
final class PropertyMatcher {
  private PropertyMatcher() {}

  static boolean all(List<PropertyFilter> filters, Map<String, Object> props) {
    for (PropertyFilter f : filters) {
      if (!test(f, props)) {
        return false;
      }
    }
    return true;
  }

  static boolean test(PropertyFilter f, Map<String, Object> props) {
    Object v = props.get(f.prop());
    switch (f.op()) {
      case IS_SET:
        return v != null;
      case IS_NOT_SET:
        return v == null;
      default:
        break;
    }
    if (v == null) {
      return false;
    }
    Operand o = f.operand();
    return switch (f.op()) {
      case EQ -> same(v, ((Operand.Single) o).value());
      case NEQ -> !same(v, ((Operand.Single) o).value());
      case IN -> in(v, ((Operand.Values) o).values());
      case NOT_IN -> !in(v, ((Operand.Values) o).values());
      case GT -> v instanceof Double d && d > number(((Operand.Single) o).value());
      case GTE -> v instanceof Double d && d >= number(((Operand.Single) o).value());
      case LT -> v instanceof Double d && d < number(((Operand.Single) o).value());
      case LTE -> v instanceof Double d && d <= number(((Operand.Single) o).value());
      case BETWEEN -> v instanceof Double d && d >= number(((Operand.Range) o).lo())
          && d <= number(((Operand.Range) o).hi());
      case CONTAINS -> pattern(v, TagCondition.Op.CONTAINS, f);
      case NOT_CONTAINS -> v instanceof String && !pattern(v, TagCondition.Op.CONTAINS, f);
      case STARTS_WITH -> pattern(v, TagCondition.Op.STARTS_WITH, f);
      case ENDS_WITH -> pattern(v, TagCondition.Op.ENDS_WITH, f);
      default -> throw new IllegalStateException(f.op().toString());
    };
  }

  private static boolean same(Object v, Literal l) {
    if (l instanceof Literal.Text t) {
      return v instanceof String s && s.equals(t.value());
    }
    if (l instanceof Literal.Number n) {
      return v instanceof Double d && d == n.value();
    }
    return v instanceof Boolean b && b == ((Literal.Bool) l).value();
  }

  private static boolean in(Object v, List<Literal> values) {
    for (Literal l : values) {
      if (same(v, l)) {
        return true;
      }
    }
    return false;
  }

  private static double number(Literal l) {
    return ((Literal.Number) l).value();
  }

  private static boolean pattern(Object v, TagCondition.Op op, PropertyFilter f) {
    return v instanceof String s && op.test(s,
        ((Literal.Text) ((Operand.Single) f.operand()).value()).value(), f.ignoreCase());
  }
}
