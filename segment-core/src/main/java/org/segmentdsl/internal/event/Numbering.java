package org.segmentdsl.internal.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distinct values numbered 0, 1, 2 ... in the order they were first given: the batch's and the
 * event buffer's types, property maps and contact ids, each held once. Not thread-safe.
 */
final class Numbering<T> {
  private final List<T> values = new ArrayList<>();
  private final List<T> view = Collections.unmodifiableList(values);
  private final Map<T, Integer> numbers = new HashMap<>();

  /** The number of a value given before, or -1. */
  int numberOf(T value) {
    Integer n = numbers.get(value);
    return n == null ? -1 : n;
  }

  /** The number of a value, giving it the next one if it has none. */
  int intern(T value) {
    return numbers.computeIfAbsent(value, v -> {
      values.add(v);
      return values.size() - 1;
    });
  }

  /** Forgets the value numbered last (an {@link #intern} taken back). */
  void removeLast() {
    numbers.remove(values.remove(values.size() - 1));
  }

  /** The values by number (a view). */
  List<T> values() {
    return view;
  }

  int size() {
    return values.size();
  }

  void clear() {
    values.clear();
    numbers.clear();
  }
}
