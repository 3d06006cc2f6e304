package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.segmentdsl.FieldType;
import org.segmentdsl.ListStatus;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.TagCondition;

/**
 * What the generator produced, so that a test can prove every operator and form was exercised:
 * each field operator on each type it applies to, each tag op with and without ignoreCase, each
 * list status and "any", each group kind (and empty groups), and the edge forms listed in
 * {@link #REQUIRED_FORMS}.
 */
final class Coverage {
  /** Edge forms the generator must have produced at least once. */
  static final List<String> REQUIRED_FORMS = List.of(
      "group all", "group any", "group not", "group all empty", "group any empty",
      "tree depth >= 4", "between lo == hi", "datetime bare date", "datetime offset",
      "datetime between mixed forms", "within km", "within miles", "within exact radius",
      "within ill-conditioned edge",
      "string ignoreCase", "number -0.0 literal", "in several values");

  private final Map<String, Integer> counts = new TreeMap<>();

  void note(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  void field(FieldOperator op, FieldType type) {
    note("field " + op.jsonName() + " on " + type.jsonName());
  }

  void tag(TagCondition.Op op, boolean ignoreCase) {
    note("tag " + op.jsonName() + (ignoreCase ? " ignoreCase" : ""));
  }

  void list(ListStatus status) {
    note("list " + (status == null ? "any" : status.jsonName()));
  }

  int count(String what) {
    return counts.getOrDefault(what, 0);
  }

  /** Everything that must have been generated. */
  static List<String> required() {
    List<String> all = new ArrayList<>();
    for (FieldOperator op : FieldOperator.values()) {
      for (FieldType type : FieldType.values()) {
        if (op.appliesTo(type)) {
          all.add("field " + op.jsonName() + " on " + type.jsonName());
        }
      }
    }
    for (TagCondition.Op op : TagCondition.Op.values()) {
      all.add("tag " + op.jsonName());
      all.add("tag " + op.jsonName() + " ignoreCase");
    }
    for (ListStatus s : ListStatus.values()) {
      all.add("list " + s.jsonName());
    }
    all.add("list any");
    all.addAll(REQUIRED_FORMS);
    return all;
  }

  void assertComplete() {
    List<String> missing = new ArrayList<>();
    for (String r : required()) {
      if (count(r) == 0) {
        missing.add(r);
      }
    }
    assertTrue(missing.isEmpty(), () -> "never generated: " + missing + "\ngenerated: " + counts);
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}
