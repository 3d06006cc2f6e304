package org.segmentdsl.condition;

/** Checks shared by the condition records. */
final class Labels {
  /** Longest label, name, pattern or value (UTF-16 code units), as the format allows. */
  static final int MAX_STRING = 1024;

  static final int MAX_LABEL = 200;

  private Labels() {}

  static String checkLabel(String label) {
    if (label != null && label.length() > MAX_LABEL) {
      throw new IllegalArgumentException(
          "label is " + label.length() + " characters long; at most " + MAX_LABEL + " allowed");
    }
    return label;
  }

  /**
   * The children of an {@code all} or {@code any}, copied; a null list or child fails naming it
   * ({@code all: condition 1 is null}).
   */
  static java.util.List<Condition> children(String kind,
      java.util.List<? extends Condition> conditions) {
    if (conditions == null) {
      throw new NullPointerException(kind + ": the list of conditions is null");
    }
    for (int i = 0; i < conditions.size(); i++) {
      if (conditions.get(i) == null) {
        throw new NullPointerException(kind + ": condition " + i + " is null");
      }
    }
    return java.util.List.copyOf(conditions);
  }

  static String checkName(String what, String name) {
    if (name == null) {
      throw new NullPointerException(what + " must not be null");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (name.length() > MAX_STRING) {
      throw new IllegalArgumentException(
          what + " is " + name.length() + " characters long; at most " + MAX_STRING + " allowed");
    }
    return name;
  }
}
