package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.segmentdsl.FieldType;
import org.segmentdsl.ListStatus;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.TagCondition;

/**
 * What the generator produced, so that a test can prove every operator and form was exercised:
 * each field operator on each type it applies to, each tag op with and without ignoreCase, each
 * list status and "any", each group kind (and empty groups), each event property operator (the
 * pattern ones also with ignoreCase), each field operator on each type inside deal and account
 * conditions, and the edge forms listed in {@link #REQUIRED_FORMS}, {@link #EVENT_FORMS} and
 * {@link #RELATED_FORMS}.
 */
final class Coverage {
  /** Edge forms the generator must have produced at least once. */
  static final List<String> REQUIRED_FORMS = List.of(
      "group all", "group any", "group not", "group all empty", "group any empty",
      "tree depth >= 4", "between lo == hi", "datetime bare date", "datetime offset",
      "datetime between mixed forms", "within km", "within miles", "within exact radius",
      "within ill-conditioned edge",
      "string ignoreCase", "number -0.0 literal", "in several values");

  /** Event forms (conditions, event data, refused events) the generator must have produced. */
  static final List<String> EVENT_FORMS = List.of(
      "event bounds none", "event bounds atLeast", "event bounds atLeast 0", "event bounds atMost",
      "event bounds atMost 0", "event bounds both", "event bounds both equal",
      "event window none", "event window last", "event window last under a minute",
      "event window last over a year", "event window range from-to",
      "event window range from only", "event window range to only",
      "event window range bare date", "event window range instant", "event window range offset",
      "event window range mixed forms", "event window range mixed unordered",
      "event window range sub-microsecond bound", "event window range over 40000 days",
      "event type never recorded", "event filters several", "event in booleans", "event dsl",
      "event prop -0.0", "event prop integer", "event prop empty string", "event prop boolean",
      "event prop mixed types", "event time edge", "event time sub-microsecond",
      "event time far past", "event time before epoch",
      "event refused unknown contact", "event refused empty type",
      "event refused non-finite number", "event refused non-scalar", "event refused null value",
      "event refused empty property name", "event refused empty contact id");

  /**
   * Deal, account and reference forms (conditions, data, refused deals, accounts and links) the
   * generator must have produced.
   */
  static final List<String> RELATED_FORMS = List.of(
      "deal probe", "deal where not", "deal where field", "deal where all", "deal where any",
      "deal where all empty", "deal where any empty", "deal dsl",
      "account probe", "account where not", "account where field", "account where all",
      "account where any", "account where all empty", "account where any empty", "account dsl",
      "segment reference", "segment reference dsl", "segment reference chain", "registry of 0",
      "registry of 1", "registry of 2", "registry of 3+", "contact with account",
      "deal refused unknown contact", "deal refused empty id", "deal refused unknown field",
      "deal refused contact field", "deal refused non-finite number", "deal refused null value",
      "deal refused wrong type", "account refused empty id", "account refused unknown field",
      "account refused contact field", "account refused non-finite number",
      "account refused null value", "account refused wrong type",
      "link refused unknown account", "link refused unknown account by upsert",
      "link refused empty account id");

  private final Map<String, Integer> counts = new TreeMap<>();

  void note(String what) {
    counts.merge(what, 1, Integer::sum);
  }

  void field(FieldOperator op, FieldType type) {
    field("", op, type);
  }

  /** A field condition inside a deal or account condition ({@code "deal "}, {@code "account "}). */
  void field(String entity, FieldOperator op, FieldType type) {
    note(entity + "field " + op.jsonName() + " on " + type.jsonName());
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
    for (String entity : List.of("", "deal ", "account ")) {
      for (FieldOperator op : FieldOperator.values()) {
        for (FieldType type : FieldType.values()) {
          if (op.appliesTo(type)) {
            all.add(entity + "field " + op.jsonName() + " on " + type.jsonName());
          }
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
    for (PropertyFilter.Op op : PropertyFilter.Op.values()) {
      all.add("event op " + op.jsonName());
      if (op.isPattern()) {
        all.add("event op " + op.jsonName() + " ignoreCase");
      }
    }
    all.addAll(REQUIRED_FORMS);
    all.addAll(EVENT_FORMS);
    all.addAll(RELATED_FORMS);
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
