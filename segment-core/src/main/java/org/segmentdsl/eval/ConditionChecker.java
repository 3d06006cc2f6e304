package org.segmentdsl.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.InvalidSegmentException.Problem;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.internal.Suggestions;

/**
 * Checks a condition tree against a schema and the format's limits before anything is evaluated:
 * unknown fields (with the closest declared name), operators that do not apply to the field's type,
 * values of the wrong type, nesting deeper than {@value #MAX_DEPTH}, more than {@value
 * #MAX_CONDITIONS} conditions. Collects every problem (up to 100) with its JSON Pointer.
 */
public final class ConditionChecker {
  /** Deepest nesting of groups ({@code all}, {@code any}, {@code not}). */
  public static final int MAX_DEPTH = 32;

  /** Most conditions in one tree. */
  public static final int MAX_CONDITIONS = 10_000;

  private final Map<String, FieldType> fields;
  private final List<Problem> problems = new ArrayList<>();
  private int conditions;

  private ConditionChecker(Schema schema) {
    this.fields = schema.contactFields();
  }

  /**
   * Checks {@code condition}, whose JSON Pointer in its document is {@code pointer}.
   *
   * @throws InvalidSegmentException listing every problem found
   */
  public static void check(Schema schema, Condition condition, String pointer) {
    ConditionChecker checker = new ConditionChecker(schema);
    checker.visit(condition, pointer, 0);
    if (!checker.problems.isEmpty()) {
      throw new InvalidSegmentException(checker.problems);
    }
  }

  private boolean report(String pointer, String message) {
    if (problems.size() < InvalidSegmentException.MAX_PROBLEMS) {
      problems.add(new Problem(pointer, message));
    }
    return problems.size() < InvalidSegmentException.MAX_PROBLEMS;
  }

  private void visit(Condition c, String pointer, int depth) {
    if (++conditions > MAX_CONDITIONS) {
      if (conditions == MAX_CONDITIONS + 1) {
        report(pointer, "more than " + MAX_CONDITIONS + " conditions");
      }
      return;
    }
    if (problems.size() >= InvalidSegmentException.MAX_PROBLEMS) {
      return;
    }
    if (c instanceof All a) {
      group(a.conditions(), pointer + "/all", depth);
    } else if (c instanceof Any a) {
      group(a.conditions(), pointer + "/any", depth);
    } else if (c instanceof Not n) {
      if (depth + 1 > MAX_DEPTH) {
        report(pointer, "conditions are nested deeper than " + MAX_DEPTH + " levels");
      } else {
        visit(n.condition(), pointer + "/not", depth + 1);
      }
    } else if (c instanceof FieldCondition f) {
      field(f, pointer);
    }
    // tag and list conditions are fully checked by their constructors
  }

  private void group(List<Condition> children, String pointer, int depth) {
    if (depth + 1 > MAX_DEPTH) {
      report(pointer.substring(0, pointer.lastIndexOf('/')),
          "conditions are nested deeper than " + MAX_DEPTH + " levels");
      return;
    }
    for (int i = 0; i < children.size(); i++) {
      visit(children.get(i), pointer + "/" + i, depth + 1);
    }
  }

  private void field(FieldCondition f, String pointer) {
    FieldType type = fields.get(f.field());
    if (type == null) {
      report(pointer + "/field", "unknown field \"" + f.field() + "\""
          + Suggestions.didYouMean(f.field(), fields.keySet()));
      return;
    }
    FieldOperator op = f.op();
    if (!op.appliesTo(type)) {
      report(pointer + "/op", "operator \"" + op.jsonName() + "\" does not apply to "
          + type.jsonName() + " field \"" + f.field() + "\"");
      return;
    }
    if (f.ignoreCase() && type != FieldType.STRING) {
      report(pointer + "/ignoreCase", "ignoreCase applies only to string fields, and \""
          + f.field() + "\" is a " + type.jsonName() + " field");
    }
    Operand operand = f.operand();
    if (operand instanceof Operand.Single s) {
      value(type, f.field(), s.value(), pointer + "/value");
    } else if (operand instanceof Operand.Values vs) {
      for (int i = 0; i < vs.values().size(); i++) {
        if (!value(type, f.field(), vs.values().get(i), pointer + "/value/" + i)) {
          break;
        }
      }
    } else if (operand instanceof Operand.Range r) {
      if (value(type, f.field(), r.lo(), pointer + "/value/0")) {
        value(type, f.field(), r.hi(), pointer + "/value/1");
      }
    } else if (operand instanceof Operand.Span s) {
      if (type == FieldType.DATE && !s.span().isWholeDays()) {
        report(pointer + "/value", "date field \"" + f.field()
            + "\" takes whole days (PnD, PnW, PnWnD), got " + s.span());
      }
    }
  }

  /** Checks one value against the field's type; false if a problem was reported. */
  private boolean value(FieldType type, String field, Literal v, String pointer) {
    boolean ok = switch (type) {
      case STRING -> v instanceof Literal.Text;
      case NUMBER -> v instanceof Literal.Number;
      case BOOLEAN -> v instanceof Literal.Bool;
      case DATE -> v instanceof Literal.Text t && t.asDate().isPresent();
      case DATETIME -> v instanceof Literal.Text t && t.isTemporal();
      case GEO -> false;
    };
    if (ok) {
      return true;
    }
    String expected = switch (type) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
      case DATE -> "a date \"YYYY-MM-DD\"";
      case DATETIME -> "an ISO-8601 instant with offset or a date \"YYYY-MM-DD\"";
      case GEO -> "no value";
    };
    return report(pointer, type.jsonName() + " field \"" + field + "\" expects " + expected
        + ", got " + v);
  }
}
