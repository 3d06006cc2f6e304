package org.segmentdsl.json;

/**
 * A JSON number with a fraction or an exponent, as {@link JsonTree} reads it: its double value,
 * and its text as written, so that a message shows {@code 1.0} or {@code 1e0} where an integer
 * was expected, not a {@code 1} that hides the mistake. Immutable.
 */
final class WrittenNumber extends Number {
  private static final long serialVersionUID = 1L;

  private final String text;
  private final double value;

  WrittenNumber(String text, double value) {
    this.text = text;
    this.value = value;
  }

  @Override
  public double doubleValue() {
    return value;
  }

  @Override
  public float floatValue() {
    return (float) value;
  }

  @Override
  public long longValue() {
    return (long) value;
  }

  @Override
  public int intValue() {
    return (int) value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WrittenNumber w && Double.compare(w.value, value) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(value);
  }

  /** The number as written in the document. */
  @Override
  public String toString() {
    return text;
  }
}
